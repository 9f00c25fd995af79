"""Spreadsheet import and export shared by every app: file reading, widgets, the resource base, admin and services.

The file format is a contract with the staff's spreadsheets, so the apps' column headers and their words for choices
are fixed Vietnamese, whatever the language of the admin; every message about a file is translatable.
"""

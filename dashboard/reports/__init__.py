"""The leadership dashboard's printable reports: PDF and Excel, from the same figures as the page."""

/* The recipient field of an honour (awards/recipients.py) is Django admin's own autocomplete box (select2). This
   names it, and the page's other autocomplete boxes, for screen readers by their visible label and help (select2
   names a box by its current value only), and names the search box the recipient field opens. No inline scripts:
   the CSP forbids them. */
'use strict';
{
    const $ = django.jQuery;

    function describe(select) {
        const container = select.nextElementSibling;
        const selection = container && container.querySelector('.select2-selection');
        const label = document.querySelector('label[for="' + select.id + '"]');
        if (!selection || !label) {
            return;
        }
        if (!label.id) {
            label.id = select.id + '-label';
        }
        const rendered = selection.querySelector('.select2-selection__rendered');
        selection.setAttribute('aria-labelledby', rendered ? label.id + ' ' + rendered.id : label.id);
        const help = document.getElementById(select.id + '_helptext');
        if (help) {
            selection.setAttribute('aria-describedby', help.id);
        }
    }

    function describeAll(root) {
        root.querySelectorAll('select.admin-autocomplete').forEach(function(select) {
            if (!select.name.includes('__prefix__')) {
                describe(select);
            }
        });
    }

    $(function() {
        describeAll(document);
    });

    document.addEventListener('formset:added', function(event) {
        describeAll(event.target);
    });

    $(document).on('select2:open', 'select.recipient-select', function() {
        const search = document.querySelector('.select2-container--open .select2-search__field');
        if (search && this.dataset.searchLabel) {
            search.setAttribute('aria-label', this.dataset.searchLabel);
        }
    });
}

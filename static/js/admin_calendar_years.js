/*global DateTimeShortcuts*/
// The admin calendar's year controls, "« 2018 »" under the month: Django's calendar steps a month at a
// time, so an event of 2018 was dozens of clicks away. Loaded after DateTimeShortcuts.js (the date
// widgets' media); every calendar it adds, at page load or for a new inline row, gets the controls.
// The words come from the date input's data-previous-year, data-next-year and data-year attributes.
'use strict';
{
    const addCalendar = DateTimeShortcuts.addCalendar;

    function yearControls(num, inp) {
        const calendar = DateTimeShortcuts.calendars[num];
        const main = document.getElementById(DateTimeShortcuts.calendarDivName2 + num);
        const bar = document.createElement('div');
        bar.className = 'calendar-years';

        function link(text, label, className, step) {
            const a = document.createElement('a');
            a.href = '#';
            a.className = className;
            a.textContent = text;
            a.title = label || '';
            a.setAttribute('aria-label', label || '');
            a.addEventListener('click', function(e) {
                e.preventDefault();
                step();
            });
            return a;
        }

        const year = document.createElement('input');
        year.type = 'number';
        year.min = '1';
        year.max = '9999';
        year.className = 'calendar-year';
        year.setAttribute('aria-label', inp.dataset.year || '');
        year.title = inp.dataset.year || '';

        function goTo() {
            const value = parseInt(year.value, 10);
            if (value >= 1 && value <= 9999 && value !== calendar.currentYear) {
                calendar.drawDate(calendar.currentMonth, value);
            }
        }
        year.addEventListener('input', function() {
            if (/^\d{4}$/.test(year.value)) {
                goTo();
            }
        });
        year.addEventListener('change', goTo);
        year.addEventListener('keydown', function(e) {
            if (e.key === 'Enter') {
                e.preventDefault();
                goTo();
            }
        });

        bar.appendChild(link('\u00AB', inp.dataset.previousYear, 'calendar-previous-year', function() {
            calendar.drawPreviousYear();
        }));
        bar.appendChild(year);
        bar.appendChild(link('\u00BB', inp.dataset.nextYear, 'calendar-next-year', function() {
            calendar.drawNextYear();
        }));
        main.parentNode.insertBefore(bar, main.nextSibling);

        // Every redraw (a month step across a year, opening on the field's date) shows its year.
        const drawCurrent = calendar.drawCurrent;
        calendar.drawCurrent = function() {
            drawCurrent.call(calendar);
            year.value = calendar.currentYear;
        };
        year.value = calendar.currentYear;
    }

    DateTimeShortcuts.addCalendar = function(inp) {
        addCalendar.call(DateTimeShortcuts, inp);
        yearControls(DateTimeShortcuts.calendars.length - 1, inp);
    };
}

"""Build the POST an admin add or change page would send, from the page the test client got."""


def _add_form(data, form):
    for name in form.fields:
        value = form[name].value()
        key = form.add_prefix(name)
        if value is None or value is False:
            continue
        if value is True:
            data[key] = "on"
        elif isinstance(value, list | tuple):
            data[key] = [str(v) for v in value]
        else:
            data[key] = str(value)


def admin_form_data(response, **overrides) -> dict:
    """The main form and the existing inline rows as shown; empty extra inline rows are left out."""
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        data[management.add_prefix("TOTAL_FORMS")] = formset.initial_form_count()
        for form in formset.initial_forms:
            _add_form(data, form)
    data.update(overrides)
    return data


def inline_rows(prefix: str, *rows: dict, initial: int = 0) -> dict:
    """POST data for new inline rows under `prefix` (e.g. "organisers"), after `initial` existing ones."""
    data = {f"{prefix}-TOTAL_FORMS": initial + len(rows)}
    for i, row in enumerate(rows, start=initial):
        data.update({f"{prefix}-{i}-{key}": value for key, value in row.items()})
    return data


def form_errors(response) -> list[str]:
    """Every error message on an admin page: main form, inlines and non-field errors."""
    errors = []
    form = response.context["adminform"].form
    errors += [str(e) for field_errors in form.errors.values() for e in field_errors]
    for inline in response.context["inline_admin_formsets"]:
        for form_errors_ in inline.formset.errors:
            errors += [str(e) for field_errors in form_errors_.values() for e in field_errors]
        errors += [str(e) for e in inline.formset.non_form_errors()]
    return errors

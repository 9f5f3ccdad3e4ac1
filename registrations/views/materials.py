"""Downloads of training materials. The files are outside MEDIA_ROOT, so these views are the only way
to them: each checks who asks (registrations.materials) and answers 404 for anything else, never
saying whether the file exists for someone else."""

from django.http import FileResponse, Http404
from django.views.decorators.cache import never_cache

from .. import materials
from ..models import Material
from .portal import officer_required
from .staff import staff_permission_required


def _file_response(material: Material, *, counted: bool = True) -> FileResponse:
    try:
        handle = material.file.open("rb")
    except FileNotFoundError as error:  # a row whose file was removed from the disk
        raise Http404 from error
    # The stored name is the upload's, made safe by the storage (letters, digits, "-", "_", "."), so
    # Vietnamese letters stay; FileResponse writes them as RFC 6266's filename*.
    response = FileResponse(handle, as_attachment=True, filename=material.filename)
    response["X-Content-Type-Options"] = "nosniff"
    if counted:
        materials.count_download(material)
    return response


def public_download(request, slug, pk):
    """A public file of a public event: anyone."""
    try:
        material = materials.public_material(slug, pk)
    except Material.DoesNotExist as error:
        raise Http404 from error
    return _file_response(material)


@never_cache
def delegate_download(request, code, pk):
    """Any file of the event, for whoever holds a confirmed delegate's code (as the confirmation page)."""
    try:
        material = materials.delegate_material(code, pk)
    except Material.DoesNotExist as error:
        raise Http404 from error
    response = _file_response(material)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@officer_required
def officer_download(request, slug, pk):
    """Any file of the event, for an officer of a province with delegates there."""
    try:
        material = materials.officer_material(request.officer.province, slug, pk)
    except Material.DoesNotExist as error:
        raise Http404 from error
    return _file_response(material)


@staff_permission_required("registrations.view_material")
def staff_download(request, pk):
    """Any file, for staff checking what they attached (the admin links here); not counted as a reader's."""
    try:
        material = Material.objects.get(pk=pk)
    except Material.DoesNotExist as error:
        raise Http404 from error
    return _file_response(material, counted=False)

"""Rendering a page, or only its htmx partial, with the headers every page of answers needs."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.http import FileResponse, HttpRequest
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe
from django_htmx.http import push_url

# What Django's never_cache writes (tests compare whole headers with it).
NEVER_STORE = "max-age=0, no-cache, no-store, must-revalidate, private"


def render_page(
    request: HttpRequest,
    template: str,
    context: dict,
    private: bool = True,
    partial: str = "panel",
    status: int = 200,
    push: bool = True,
) -> TemplateResponse:
    """The whole page, or only its named partial for htmx (the URL follows, so back and reload work).

    `private` pages hold answers or contact details: never stored by the browser or anything between.
    `push=False` for a piece of the page saved in place (the address stays the page's).
    """
    as_partial = request.htmx and not request.htmx.history_restore_request
    response = TemplateResponse(request, template + (f"#{partial}" if as_partial else ""), context, status=status)
    if push and as_partial and request.htmx.current_url_abs_path != request.get_full_path():
        push_url(response, request.get_full_path())
    patch_vary_headers(response, ["HX-Request"])
    if private:
        add_never_cache_headers(response)
    return response


FAVICON = Path(settings.BASE_DIR) / "static" / "favicon.ico"


@require_safe
def favicon(request: HttpRequest) -> FileResponse:
    """/favicon.ico, which browsers ask for whatever the page links: the static icon, cached for a day."""
    response = FileResponse(FAVICON.open("rb"), content_type="image/x-icon")
    patch_cache_control(response, public=True, max_age=86400)
    return response

"""Rendering a page, or only its htmx partial, with the headers every page of answers needs."""

from __future__ import annotations

from functools import wraps

from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.cache import patch_vary_headers
from django_htmx.http import push_url

NEVER_STORE = "no-store, no-cache, must-revalidate, private, max-age=0"


def render_page(
    request: HttpRequest, template: str, context: dict, private: bool = True, partial: str = "panel", status: int = 200
) -> TemplateResponse:
    """The whole page, or only its named partial for htmx (the URL follows, so back and reload work).

    `private` pages hold answers or contact details: never stored by the browser or anything between.
    """
    as_partial = request.htmx and not request.htmx.history_restore_request
    response = TemplateResponse(request, template + (f"#{partial}" if as_partial else ""), context, status=status)
    if as_partial and request.htmx.current_url_abs_path != request.get_full_path():
        push_url(response, request.get_full_path())
    patch_vary_headers(response, ["HX-Request"])
    if private:
        response["Cache-Control"] = NEVER_STORE
    return response


def never_store(view):
    """Mark whatever the view returns as never to be stored (for responses not built by render_page)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = NEVER_STORE
        return response

    return wrapper

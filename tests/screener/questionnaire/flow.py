"""Drive the questionnaire the way a browser does, through the real views."""

import re

from django.urls import reverse

HTMX = {"HX-Request": "true"}


def start(client) -> str:
    response = client.post(reverse("questionnaire:start"))
    assert response.status_code == 302
    return response["Location"].rstrip("/").split("/")[-1]


def owned_ids(client) -> list[str]:
    """The screening ids the browser's ownership cookie names, read as the server reads them."""
    from django.test import RequestFactory

    from screener.questionnaire import ownership

    request = RequestFactory().get("/")
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    return ownership.screening_ids(request)


def question_url(screening_id, key, returning=False) -> str:
    url = reverse("questionnaire:question", args=[screening_id, key])
    return url + "?return=check" if returning else url


def page_data(client, url, value, **kwargs) -> dict:
    """What a browser posts on a question's own page (None: its "I don't know"; "never": its "Never"): a tick
    under a number's box, a list's last choice otherwise."""
    if value is None or value == "never":
        page = client.get(url, **kwargs).content.decode()
        if value is None and 'name="dont_know"' in page:
            return {"dont_know": "on"}
        if value == "never" and 'name="never"' in page:
            return {"never": "on"}
        return {"answer": "dont_know"} if value is None else {"answer": value}
    return {"answer": value}


def answer(client, screening_id, key, value, returning=False, **kwargs):
    url = question_url(screening_id, key, returning)
    return client.post(url, page_data(client, url, value, **kwargs), **kwargs)


def screen_url(screening_id, key, returning=False) -> str:
    url = reverse("questionnaire:screen", args=[screening_id, key])
    return url + "?return=check" if returning else url


def screen_keys(page: str) -> list[str]:
    """The questions a screen's page shows, in order."""
    return re.findall(r'data-question="([^"]+)"', page)


def screen_data(page: str, answers: dict) -> dict:
    """What a browser posts for these answers on a screen (None: that question's "I don't know")."""
    data = {}
    for key, value in answers.items():
        if value is None:
            if f'name="{key}-dont_know"' in page:
                data[f"{key}-dont_know"] = "on"
            else:
                data[f"{key}-answer"] = "dont_know"
        elif value == "never" and f'name="{key}-never"' in page:
            data[f"{key}-never"] = "on"
        else:
            data[f"{key}-answer"] = value
    return data


def answer_screen(client, screening_id, key, answers: dict, returning=False, **kwargs):
    page = client.get(screen_url(screening_id, key, returning)).content.decode()
    return client.post(screen_url(screening_id, key, returning), screen_data(page, answers), **kwargs)


def answer_everything(client, screening_id, profile: dict) -> list[str]:
    """Answer each question the service asks from `profile` (None: "I don't know"), a page at a time;
    return the keys asked."""
    asked = []
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    while "/questions/" in response["Location"] or "/screens/" in response["Location"]:
        if "/screens/" in response["Location"]:
            page = client.get(response["Location"]).content.decode()
            keys = screen_keys(page)
            data = screen_data(page, {key: profile[key] for key in keys})
            response = client.post(response["Location"], data)
        else:
            keys = [response["Location"].split("/questions/")[1].strip("/").split("?")[0]]
            response = answer(client, screening_id, keys[0], profile[keys[0]])
        for key in keys:
            assert key not in asked, f"{key} asked twice"
            asked.append(key)
        assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("questionnaire:check", args=[screening_id])
    return asked


def answer_page(client, location: str, profile: dict, **overrides):
    """Answer the page at `location` (a question's or a screen's) from `profile`, with `overrides`; return
    (the keys it asked, the response)."""
    if "/screens/" in location:
        page = client.get(location).content.decode()
        keys = screen_keys(page)
        answers = {key: overrides.get(key, profile.get(key)) for key in keys}
        return keys, client.post(location, screen_data(page, answers))
    key = location.split("/questions/")[1].split("/")[0]
    value = overrides.get(key, profile.get(key))
    return [key], client.post(location, page_data(client, location, value))


def walk_to(client, screening_id, profile: dict, key: str) -> str:
    """Answer every page from `profile` until the one that asks `key`; return that page's address."""
    while True:
        location = client.get(reverse("questionnaire:resume", args=[screening_id]))["Location"]
        if "/check/" in location:
            raise AssertionError(f"{key} was never asked")
        if "/screens/" in location:
            if key in screen_keys(client.get(location).content.decode()):
                return location
        elif location.split("/questions/")[1].split("/")[0] == key:
            return location
        answer_page(client, location, profile)

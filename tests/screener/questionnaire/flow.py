"""Drive the questionnaire the way a browser does, through the real views."""

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


def answer(client, screening_id, key, value, returning=False, **kwargs):
    data = {"dont_know": "1"} if value is None else {"answer": value}
    return client.post(question_url(screening_id, key, returning), data, **kwargs)


def answer_everything(client, screening_id, profile: dict) -> list[str]:
    """Answer each question the service asks from `profile` (None: "I don't know"); return the keys asked."""
    asked = []
    response = client.get(reverse("questionnaire:resume", args=[screening_id]))
    while "/questions/" in response["Location"]:
        key = response["Location"].split("/questions/")[1].strip("/").split("?")[0]
        assert key not in asked, f"{key} asked twice"
        asked.append(key)
        response = answer(client, screening_id, key, profile[key])
        assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("questionnaire:check", args=[screening_id])
    return asked

"""The patient's questionnaire: start, one question at a time, check your answers, results, study pages.

Every view works as a plain GET or POST → redirect; an htmx request gets the page's `panel` partial
from the same template, with the URL pushed so back, reload and bookmarks keep working.
"""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from screener.pages import render_page
from screener.preferences import drafts
from screener.questionnaire import answer_helpers, ownership
from screener.questionnaire import results as study_results
from screener.questionnaire.forms import AnswerForm, ScreenForm, StudySearchForm, WhereForm, initial_for
from screener.questionnaire.models import Screening
from screener.questionnaire.ownership import owned_screening
from screener.ratelimits import limit
from trials import catalogue, places, screens, wording
from trials.eligibility import NEVER
from trials.models import Criterion, Question, Trial


@require_http_methods(["GET", "POST"])
@limit("RATE_ANSWERS", "answers")
def start(request: HttpRequest) -> HttpResponse:
    where = WhereForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and where.is_valid():
        screening = Screening.start(language=get_language())
        if where.cleaned_data["place_found"]:
            screening.set_place(where.cleaned_data["place_found"], where.cleaned_data["travel_km"])
        response = redirect("questionnaire:resume", screening.id)
        ownership.remember(request, response, screening.id)
        return response
    loaded = catalogue.current()
    search = StudySearchForm(request.GET, auto_id="search_%s")  # beside the where form, ids stay unique
    searching = search.is_valid() and any(search.cleaned_data.values())
    trials = Trial.objects.published()
    if searching:
        trials = trials.search(search.cleaned_data["q"], search.cleaned_data["place"])
    elif not search.is_valid():
        trials = trials.none()
    number = _page_number(request.GET.get("page"))
    # One page and a peek at the next: no COUNT over every trial (the catalogue knows how many there are).
    rows = list(
        trials.only("nct_id", "brief_title", "overall_status", "patient_title_en", "patient_title_zh_hans").order_by(
            "brief_title", "pk"
        )[(number - 1) * STUDIES_PER_PAGE : number * STUDIES_PER_PAGE + 1]
    )
    query = request.GET.copy()
    query.pop("page", None)
    total = None if searching else loaded.engine.trial_count
    context = {
        "search": search,
        "searching": searching,
        "studies": rows[:STUDIES_PER_PAGE],
        "page_number": number,
        "has_next": len(rows) > STUDIES_PER_PAGE,
        "has_previous": number > 1,
        "total": total,
        "pages": -(-total // STUDIES_PER_PAGE) if total else None,
        "query": query.urlencode(),
        "conditions": loaded.conditions,
        "countries": loaded.countries,
        "any_studies": loaded.engine.trial_count > 0,
        "retention_days": settings.SCREENING_RETENTION_DAYS,
        "where": where,
        "own_screenings": own_screenings(request, loaded),
    }
    # A refused place is the patient's own words, and the list of this browser's screenings is its own:
    # such a page is never stored.
    private = request.method == "POST" or bool(context["own_screenings"])
    return render_page(request, "questionnaire/start.html", context, private=private)


def own_screenings(request: HttpRequest, loaded) -> list[dict]:
    """The screenings this browser started that still exist, newest first, each with whether it is
    finished: the start page offers to continue each (or to see its results)."""
    ids = ownership.screening_ids(request)
    if not ids:
        return []
    valid = []
    for text in ids:
        try:
            valid.append(UUID(text))
        except ValueError:
            continue
    rows = []
    for screening in Screening.objects.filter(pk__in=valid).order_by("-updated_at"):
        walk = screening.walk(loaded)
        # every answer the patient gave counts, not only the path up to the first question a new study added
        rows.append({"screening": screening, "finished": walk.next_key is None, "answered": len(screening.answers)})
    return rows


@require_http_methods(["GET", "POST"])
@limit("RATE_ANSWERS", "answers")
def where(request: HttpRequest, screening_id: UUID) -> HttpResponse:
    """Change where the patient is and how far they can travel; the questionnaire then asks only about
    studies with a site in reach."""
    screening = owned_screening(request, screening_id)
    if request.method == "POST":
        form = WhereForm(request.POST)
        if form.is_valid():
            screening.set_place(form.cleaned_data["place_found"], form.cleaned_data["travel_km"])
            return redirect("questionnaire:resume", screening.id)
    else:
        place = screening.place or {}
        initial = {"travel": str(screening.travel_km) if screening.travel_km else WhereForm.ANYWHERE}
        if place.get("source") == "city":
            initial["place"] = place.get("label", "")
        form = WhereForm(initial=initial)
    context = {
        "screening": screening,
        "where": form,
        "place": screening.place,
        "back_url": reverse("questionnaire:resume", args=[screening.id]),
    }
    return render_page(request, "questionnaire/where.html", context)


@require_GET
def place_suggestions(request: HttpRequest) -> HttpResponse:
    """`<option>`s for the town box's datalist (htmx fills it as the patient types)."""
    suggestions = places.suggest(request.GET.get("place", "")[:100])
    return TemplateResponse(request, "questionnaire/_place_suggestions.html", {"suggestions": suggestions})


STUDIES_PER_PAGE = 20


def _page_number(text: str | None) -> int:
    try:
        return max(1, min(int(text or 1), 100_000))
    except ValueError:
        return 1


@require_GET
def resume(request: HttpRequest, screening_id: UUID) -> HttpResponse:
    screening = owned_screening(request, screening_id)
    loaded = catalogue.current(screening.catalogue_version)
    walk = screening.walk(loaded)
    return redirect(next_step_url(screening, walk.next_key, walk=walk))


def next_step_url(screening: Screening, key: str | None, back_to_check: bool = False, walk=None) -> str:
    """The page that asks `key`: the screen it shares with others on the patient's walk (named by its first
    question), or its own question page; "check your answers" when there is none."""
    if key is None:
        return reverse("questionnaire:check", args=[screening.id])
    step = walk.screen_of(key) if walk is not None else None
    if step and is_grouped(walk, step):
        url = reverse("questionnaire:screen", args=[screening.id, step[0]])
    else:
        url = reverse("questionnaire:question", args=[screening.id, key])
    return url + "?return=check" if back_to_check else url


def is_grouped(walk, step: tuple[str, ...]) -> bool:
    """A step is shown as a screen when it holds several questions, or one shown item by item."""
    return len(step) > 1 or any(key in walk.items for key in step)


def screen_position(walk, key: str) -> int:
    """Which step of the walk asks `key` (counting from 0); the next one's number when none has yet."""
    return next((n for n, step in enumerate(walk.screens) if key in step), len(walk.screens))


def back_url_for(screening: Screening, walk, key: str) -> str:
    position = screen_position(walk, key)
    if position == 0:
        return reverse("questionnaire:start")
    return next_step_url(screening, walk.screens[position - 1][0], walk=walk)


def question_step(request: HttpRequest, screening_id: UUID, key: str, helper: bool = False):
    """(screening, catalogue, question, walk, None) for a question of this browser's screening that is on its
    path (404 for no such question, or no helper for it), or (…, a redirect) to where the patient is."""
    screening = owned_screening(request, screening_id)
    loaded = catalogue.current(screening.catalogue_version)
    the_question = loaded.questions.get(key)
    if the_question is None or (helper and answer_helpers.helper_kind(the_question) is None):
        raise Http404
    walk = screening.walk(loaded)
    if key not in walk.next_screen and key not in walk.path:
        # Not a question for this patient (any more): go where they are.
        return screening, loaded, the_question, walk, redirect(next_step_url(screening, walk.next_key, walk=walk))
    return screening, loaded, the_question, walk, None


@require_http_methods(["GET", "POST"])
@limit("RATE_ANSWERS", "answers")
def question(request: HttpRequest, screening_id: UUID, key: str) -> HttpResponse:
    screening, loaded, the_question, walk, elsewhere = question_step(request, screening_id, key)
    if elsewhere:
        return elsewhere
    returning = request.GET.get("return") == "check"
    if key in walk.items:  # shown item by item: only on its screen, which offers the items still needed
        return redirect(next_step_url(screening, key, back_to_check=returning, walk=walk))

    previous = initial_for(the_question, screening.answers[key]) if key in screening.answers else {}
    if request.method == "POST":
        form = AnswerForm(the_question, request.POST, initial=previous)  # a tick left on is the old answer
        if form.is_valid():
            screening.record_answer(key, form.cleaned_data["answer"])
            tell_what_was_taken(request, [form])
            after = screening.walk(loaded)
            return redirect(url_after_answer(screening, key, after, returning, more_needed(request)))
    else:
        initial = previous
        unsent = drafts.take(request)  # ticked, then the language switched: keep what was not sent
        if unsent is not None:
            multiple = the_question.kind == Question.Kind.MULTIPLE
            initial = {"answer": unsent} if multiple else ({"answer": unsent[0]} if unsent else {})
        form = AnswerForm(the_question, initial=initial)

    if returning:
        back_url = reverse("questionnaire:check", args=[screening.id])
    else:
        back_url = back_url_for(screening, walk, key)
    context = {
        "screening": screening,
        "question": the_question,
        "form": form,
        "back_url": back_url,
        "returning": returning,
        "number": screen_position(walk, key) + 1,
        "remaining": walk.remaining if key in walk.next_screen else 0,
        "said_dont_know": key in screening.answers and screening.answers[key] is None,
        "may_not_apply": may_not_apply(screening, loaded, the_question),
        "measured": wording.is_measured(the_question),
        "said_never": the_question.allow_never and screening.answers.get(key) == NEVER,
        "more_needed": more_needed(request) and key in walk.next_screen,
        "helper_link": answer_helpers.link_text(the_question),
        "source": in_page_language(the_question, (screening.answer_sources or {}).get(key)),
        "keeps_answer_form": True,  # the language switch sends this page's answer form (see drafts)
    }
    response = render_page(request, "questionnaire/question.html", context)
    drafts.forget(request, response)
    response["X-Catalogue-Version"] = str(loaded.version)  # lets the scale benchmark see when an edit is live
    return response


@require_http_methods(["GET", "POST"])
@limit("RATE_ANSWERS", "answers")
def answer_helper(request: HttpRequest, screening_id: UUID, key: str) -> HttpResponse:
    """Work an answer out from what the patient's papers show (litres, a lab range, a date), show the
    result and how it was worked out, and store it only when the patient confirms it."""
    screening, loaded, the_question, _walk, elsewhere = question_step(request, screening_id, key, helper=True)
    if elsewhere:
        return elsewhere
    returning = request.GET.get("return") == "check"
    confirming = False
    today = timezone.localdate()
    if request.method == "POST":
        form = answer_helpers.form_for(the_question, request.POST, today=today)
        if form.is_valid():
            if "confirm" in request.POST:
                source = {**form.computed.as_source(), "summary": form.summary()}
                screening.record_answer(key, form.computed.stored, source=source)
                after = screening.walk(loaded)
                step = after.screen_of(key)
                if step and is_grouped(after, step):
                    # Opened from a screen: back to it, at the very address it was left from (its drafts are
                    # kept for that address: coming from "check your answers" or a saved results link too).
                    return redirect(screen_address(screening, key, after, returning, more_needed(request)))
                return redirect(url_after_answer(screening, key, after, returning, more_needed(request)))
            confirming = "edit" not in request.POST
    else:
        form = answer_helpers.form_for(the_question, initial=answer_helpers.prefill(screening.answers), today=today)
    question_url = next_step_url(screening, key, back_to_check=returning, walk=_walk)
    context = {
        "screening": screening,
        "question": the_question,
        "form": form,
        "kind": answer_helpers.helper_kind(the_question),
        "confirming": confirming,
        "back_url": question_url,
        "action": request.get_full_path(),
    }
    return render_page(request, "questionnaire/helper.html", context)


def tell_what_was_taken(request: HttpRequest, forms) -> None:
    """A number said to be about right ("大约300米") is stored as the number: the next page says which (a message,
    kept in a signed cookie for that one page: patients have no session)."""
    for form in forms:
        if form.taken_as:
            messages.info(request, form.taken_as, extra_tags="taken-as")


def flags(returning: bool, more: bool) -> str:
    """The query a screen carries: back to "check your answers", or reached from a saved results link."""
    if returning:
        return "?return=check"
    return f"?{MORE_NEEDED}=1" if more else ""


def screen_address(screening: Screening, key: str, walk, returning: bool, more: bool) -> str:
    return next_step_url(screening, key, walk=walk) + flags(returning, more)


def url_after_answer(screening: Screening, key: str, after, returning: bool, more: bool = False) -> str:
    """Coming from "check your answers": back there, unless the change raised new questions. Coming back
    from a results link because a study changed: the next question still unanswered (the one the walk asks,
    as the step count promised), and the results once there is none. Otherwise: the next step on the
    patient's path (already answered ones show their answers)."""
    if more and not returning:
        if after.next_key is None:
            return reverse("questionnaire:results", args=[screening.id])
        return next_step_url(screening, after.next_key, walk=after) + "?" + MORE_NEEDED + "=1"
    if returning or after.next_key is None:
        return next_step_url(screening, after.next_key, back_to_check=returning, walk=after)
    position = screen_position(after, key)
    following = after.screens[position + 1][0] if position + 1 < len(after.screens) else after.next_key
    return next_step_url(screening, following, walk=after)


@require_http_methods(["GET", "POST"])
@limit("RATE_ANSWERS", "answers")
def screen(request: HttpRequest, screening_id: UUID, key: str) -> HttpResponse:
    """Several related questions on one page, named by its first question: each with its label, help, its own
    "I don't know" (and "Never") and its own errors; answered together, stored together."""
    screening = owned_screening(request, screening_id)
    loaded = catalogue.current(screening.catalogue_version)
    walk = screening.walk(loaded)
    returning = request.GET.get("return") == "check"
    step = walk.screen_of(key)
    if step is None or step[0] != key or not is_grouped(walk, step):
        # Not a screen on this patient's walk (any more), or named by another of its questions: go there.
        target = step[0] if step else walk.next_key
        return redirect(next_step_url(screening, target, back_to_check=returning and step is not None, walk=walk))
    questions = [loaded.questions[k] for k in step]
    items = {k: items_to_show(walk, screening, k) for k in step if k in walk.items}
    helper_key = request.POST.get("work_it_out") if request.method == "POST" else None
    if helper_key in step and answer_helpers.helper_kind(loaded.questions[helper_key]) is not None:
        # The patient's papers show something else (litres, a date): keep what this screen holds unsent
        # and work that answer out; its helper comes back to this screen.
        url = reverse("questionnaire:helper", args=[screening.id, helper_key]) + flags(returning, more_needed(request))
        response = redirect(url)
        drafts.keep(response, request.get_full_path(), [], drafts.screen_fields(request.POST))
        return response
    initial = {
        q.key: initial_for(q, screening.answers[q.key], items=items.get(q.key))
        for q in questions
        if q.key in screening.answers
    }
    if request.method == "POST":
        form = ScreenForm(questions, request.POST, items=items, initial=initial)  # a tick left on is the old answer
        if form.is_valid():
            # An answer sent back unchanged keeps how it was worked out (a computed value shown on the screen).
            unset = object()
            changed = {k: v for k, v in form.answers().items() if screening.answers.get(k, unset) != v}
            screening.record_answers(changed)
            tell_what_was_taken(request, form.forms)
            after = screening.walk(loaded)
            return redirect(url_after_answer(screening, key, after, returning, more_needed(request)))
    else:
        for k, kept in drafts.take_screen(request).items():  # not sent: the language switched, or a helper
            if k not in screening.answers or any(kept.values()):  # opened (its answer, once worked out, stays)
                initial[k] = kept
        form = ScreenForm(questions, items=items, initial=initial)
    for part in form.forms:
        part.may_not_apply = may_not_apply(screening, loaded, part.question)
    shared = screens.screen(loaded.questions[key].to_info().screen or "")
    if shared is not None:
        shared = shared.showing(step)  # headed by what this page asks, not the whole screen's topics
    context = {
        "screening": screening,
        "form": form,
        "shared": shared,
        # how to count "how many days ago", only on a page that asks one
        "shows_days": any(q.kind == q.Kind.NUMBER and q.unit == "days" for q in questions),
        "measured": any(wording.is_measured(q) for q in questions),
        "back_url": reverse("questionnaire:check", args=[screening.id])
        if returning
        else back_url_for(screening, walk, key),
        "returning": returning,
        "number": screen_position(walk, key) + 1,
        "remaining": walk.remaining if step == walk.next_screen else 0,
        "more_needed": more_needed(request) and step == walk.next_screen,
        "keeps_answer_form": True,
    }
    response = render_page(request, "questionnaire/screen.html", context)
    drafts.forget(request, response)
    response["X-Catalogue-Version"] = str(loaded.version)
    return response


def may_not_apply(screening: Screening, loaded, question) -> str:
    """Asked only because the answer that decides whether it applies is "I don't know" (a pregnancy question when
    the sex is not known): how to answer if it does not apply, so that a man can answer it without awkwardness. A
    man is never asked it (the walk gives him its implied answer)."""
    info = loaded.engine.questions.get(question.key)
    gate = info.asked_only_if if info is not None else None
    if gate is None or not gate.otherwise or screening.answers.get(gate.question_key, gate) is not None:
        return ""
    return wording.if_it_does_not_apply(question, gate.otherwise)


def items_to_show(walk, screening: Screening, key: str) -> list[str]:
    """The items a screen offers for a question shown item by item: those its step needs, and any the
    patient answered before (so changing the answer keeps them); a set, sorted only to be stable (the form shows
    them in the question's own order)."""
    stored = screening.answers.get(key)
    shown = set(walk.items.get(key, ())) | set(stored.get("shown", []) if isinstance(stored, dict) else ())
    return sorted(shown)


def finished(request: HttpRequest, screening_id: UUID):
    """(screening, catalogue, walk, None) for a finished questionnaire, or a redirect to its next question."""
    screening = owned_screening(request, screening_id)
    loaded = catalogue.current(screening.catalogue_version)
    walk = screening.walk(loaded)
    if walk.next_key is not None:
        url = next_step_url(screening, walk.next_key, walk=walk)
        if screening.results_seen_at:  # they had seen results: a new or changed study needs one more answer
            url += "?" + MORE_NEEDED + "=1"
        return screening, loaded, walk, redirect(url)
    return screening, loaded, walk, None


MORE_NEEDED = "more"  # on a question reached from a saved results link: the studies changed since


def more_needed(request: HttpRequest) -> bool:
    return request.GET.get(MORE_NEEDED) == "1"


def answer_rows(screening: Screening, loaded, keys) -> list[dict]:
    """Each answer on the patient's path in their words, with how the screener worked it out (if it did):
    what "check your answers" and the summary for the doctor both list."""
    sources = screening.answer_sources or {}
    return [
        {
            "question": loaded.questions[key],
            "answer": loaded.questions[key].display_answer(screening.answers[key]),
            "source": in_page_language(loaded.questions[key], sources.get(key)),
        }
        for key in keys
    ]


def in_page_language(question, source: dict | None) -> dict | None:
    """How the screener worked an answer out, in the page's language: a patient who switches language reads it
    rebuilt from its kept inputs, not in the language it was first written in."""
    if not source:
        return source
    return {**source, "summary": answer_helpers.summary_of(question, source) or source.get("summary", "")}


@require_GET
def check_answers(request: HttpRequest, screening_id: UUID) -> HttpResponse:
    screening, loaded, walk, unfinished = finished(request, screening_id)
    if unfinished:
        return unfinished
    rows = answer_rows(screening, loaded, walk.path)
    back_url = (
        next_step_url(screening, walk.screens[-1][0], walk=walk) if walk.screens else reverse("questionnaire:start")
    )
    return render_page(
        request, "questionnaire/check.html", {"screening": screening, "rows": rows, "back_url": back_url}
    )


@require_GET
def results(request: HttpRequest, screening_id: UUID) -> HttpResponse:
    screening, loaded, walk, unfinished = finished(request, screening_id)
    if unfinished:
        return unfinished
    answers = {key: screening.answers[key] for key in walk.path}
    groups = study_results.grouped(
        loaded, answers, screening.place, screening.trials_in_reach(loaded), screening.answer_sources
    )
    context = {"screening": screening, "answers": answers, **groups}
    context["referred"] = {r.site_id: r for r in screening.referrals.active()}
    context["back_url"] = reverse("questionnaire:check", args=[screening.id])
    context["retention_days"] = settings.SCREENING_RETENTION_DAYS
    if screening.results_seen_at is None:  # from now on, a results link that asks more says why
        Screening.objects.filter(pk=screening.pk).update(results_seen_at=timezone.now())
    return render_page(request, "questionnaire/results.html", context)


@require_GET
def summary(request: HttpRequest, screening_id: UUID) -> HttpResponse:
    """A page for the patient to print or show their doctor: answers, each study's verdict and reasons,
    and exactly which values would decide the studies still open. No contact details, never stored."""
    screening, loaded, walk, unfinished = finished(request, screening_id)
    if unfinished:
        return unfinished
    answers = {key: screening.answers[key] for key in walk.path}
    groups = study_results.grouped(
        loaded, answers, screening.place, screening.trials_in_reach(loaded), screening.answer_sources
    )
    rows = answer_rows(screening, loaded, walk.path)
    context = {
        "screening": screening,
        "answers": answers,
        "rows": rows,
        "to_ask": study_results.values_to_ask(groups["matches"] + groups["possibles"]),
        "patient_to_give": study_results.answers_only_the_patient_can_give(groups["matches"] + groups["possibles"]),
        "today": study_results.summary_day(groups),
        "back_url": reverse("questionnaire:results", args=[screening.id]),
        **groups,
    }
    return render_page(request, "questionnaire/summary.html", context)


@require_GET
def study(request: HttpRequest, nct_id: str) -> HttpResponse:
    trial = get_object_or_404(Trial.objects.published().prefetch_related("sites"), nct_id=nct_id)
    criteria = trial.criteria.approved().select_related("question").order_by("order", "pk")
    context = {
        "trial": trial,
        "inclusion": [c for c in criteria if c.kind == Criterion.Kind.INCLUSION],
        "exclusion": [c for c in criteria if c.kind == Criterion.Kind.EXCLUSION],
    }
    return render_page(request, "questionnaire/study.html", context, private=False)

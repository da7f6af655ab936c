from django import template

from trials import wording

register = template.Library()


@register.simple_tag
def reason_for_answer(criterion, answers):
    """A criterion the patient's answers did not meet, naming the answer they gave (`wording.reason_for_answer`)."""
    question = getattr(criterion, "question", None)
    stored = answers.get(question.key) if question is not None and answers else None
    return wording.reason_for_answer(criterion, stored)

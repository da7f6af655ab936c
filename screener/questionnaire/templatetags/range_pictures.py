from django import template

from screener.questionnaire import range_pictures

register = template.Library()


@register.inclusion_tag("questionnaire/_range_picture.html")
def range_picture(criterion, answers):
    """The patient's value on this criterion's range (nothing for a criterion that is not a number rule)."""
    question = getattr(criterion, "question", None)
    stored = answers.get(question.key) if question is not None and answers else None
    return {"picture": range_pictures.picture(criterion, stored)}

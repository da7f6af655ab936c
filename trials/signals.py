from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from trials.models import CatalogueVersion, Criterion, Question, Site, Trial


@receiver([post_save, post_delete], sender=Trial)
@receiver([post_save, post_delete], sender=Site)
@receiver([post_save, post_delete], sender=Question)
@receiver([post_save, post_delete], sender=Criterion)
def catalogue_changed(**kwargs):
    CatalogueVersion.bump()

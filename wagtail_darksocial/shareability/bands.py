"""Score bands: the one definition the panel, the report, its filter and its SQL share."""

from dataclasses import dataclass

from django.db.models import Case, Value, When
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

UNSCORED = "unscored"


@dataclass(frozen=True)
class Band:
    name: str
    lowest: int  # the lowest score in the band
    label: str


#: Highest band first; each band runs up to the next one's ``lowest`` minus one.
BANDS = (
    Band("good", 80, gettext_lazy("Good")),
    Band("ok", 50, gettext_lazy("OK")),
    Band("poor", 0, gettext_lazy("Poor")),
)
BAND_LABELS = {band.name: band.label for band in BANDS} | {UNSCORED: gettext_lazy("Not scored")}


def band(score):
    """The band's name for ``score``; ``""`` if unscored."""
    if score is None:
        return ""
    return next(band.name for band in BANDS if score >= band.lowest)


def band_expression(field):
    """The band of an annotated score as SQL, ``UNSCORED`` when the score is null."""
    whens = [When(**{f"{field}__gte": band.lowest}, then=Value(band.name)) for band in BANDS]
    return Case(
        *whens[:-1],
        When(**{f"{field}__isnull": False}, then=Value(BANDS[-1].name)),
        default=Value(UNSCORED),
    )


def _range_label(index):
    band_ = BANDS[index]
    if index == 0:
        return _("%(band)s (%(lowest)s and up)") % {"band": band_.label, "lowest": band_.lowest}
    highest = BANDS[index - 1].lowest - 1
    if band_.lowest == 0:
        return _("%(band)s (below %(above)s)") % {"band": band_.label, "above": highest + 1}
    return _("%(band)s (%(lowest)s to %(highest)s)") % {
        "band": band_.label,
        "lowest": band_.lowest,
        "highest": highest,
    }


def band_choices():
    """Filter choices with each band's range, e.g. "Good (80 and up)"."""
    lazy_label = lazy(_range_label, str)
    return [(band.name, lazy_label(index)) for index, band in enumerate(BANDS)] + [
        (UNSCORED, BAND_LABELS[UNSCORED])
    ]

"""Document-level reading: what an event sentence inherits from the article around it (its
partner, its date), and who the partners of an ending are. The texts are written for the tests."""

from __future__ import annotations

import pandas as pd

from helpers.extraction.actors import Registry
from helpers.extraction.article import extract_article
from helpers.extraction.merge import merge_articles

REGISTRY = Registry(
    pd.DataFrame(
        [("MLI", "Mali", "country", "MLI", "Mali")],
        columns=["actor_id", "name", "kind", "country", "aliases"],
    )
)


def run(text: str, published: str = "", title: str = ""):
    """The draft events of one article."""
    meta = {"article_id": "c01", "published": published, "title": title}
    draft = merge_articles([extract_article(meta, text, REGISTRY)], REGISTRY)
    return draft.events


def rows(events: pd.DataFrame) -> list[tuple]:
    cols = ["event_type", "partners", "date_start", "date_end", "date_basis"]
    return sorted(tuple(r) for r in events[cols].itertuples(index=False))


def test_an_audience_in_the_margin_of_this_visit_takes_the_session_s_dates():
    text = (
        "Nouakchott a accueilli du 3 au 5 février 2025 la 2e session de la commission mixte de coopération militaire "
        "entre le Mali et la Mauritanie. "
        "Depuis la 1re session, tenue à Bamako en 2018, les échanges ont changé. "
        "En marge de cette visite de travail, la délégation malienne a été reçue en audience par le ministre mauritanien de la Défense."
    )
    events = run(text, published="2025-02-07")
    meeting = events[events.event_type == "meeting"].iloc[0]
    assert (meeting.partners, meeting.date_start, meeting.date_end, meeting.date_basis) == (
        "MRT",
        "2025-02-03",
        "2025-02-05",
        "inferred",
    )
    assert "dates taken from it" in meeting.notes

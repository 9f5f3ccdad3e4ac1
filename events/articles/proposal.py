"""What the article reader proposes: plain dataclasses, no Django models imported.

Every proposal keeps the sentence it came from (`evidence`) so the editor can check it; `match` is
the primary key of an existing record, filled by `events.articles.matching`, never by the reader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# The vocabularies are the models' choice values (kept here as strings so this module stays free
# of Django): Event.Kind, Event.Precision, Event.PartOfDay, EventOrganiser.Role, AgendaItem.Kind.
PARTS = ("speech", "presentation", "official", "attending")
QUALIFIERS = ("exact", "more_than", "about", "almost")


@dataclass
class Figure:
    count: int
    qualifier: str  # "exact" | "more_than" | "about" | "almost"
    evidence: str = ""

    def to_json(self) -> dict:
        return {"count": self.count, "qualifier": self.qualifier}


@dataclass
class OrganiserProposal:
    name: str
    role: str  # EventOrganiser.Role: "lead" | "co" | "host"
    evidence: str
    match: int | None = None
    parent: str = ""  # "Cục X thuộc Bộ Y": the body it belongs to, as written

    def to_json(self) -> dict:
        return {"name": self.name, "role": self.role, "match": self.match}


@dataclass
class PersonProposal:
    name: str
    honorific: str
    academic_title: str
    post: str
    organisation: str
    part: str  # "speech" | "presentation" | "official" | "attending"
    talk_title: str
    evidence: str
    match: int | None = None
    organisation_match: int | None = None
    # Each post as (title, organisation), split from `post`: "Phó Trưởng Ban Tuyên giáo Tỉnh ủy" →
    # ("Phó Trưởng Ban", "Ban Tuyên giáo Tỉnh ủy"); `organisation` is the last one's.
    posts: list[tuple[str, str]] = field(default_factory=list)
    official_role: str = ""  # EventOfficial.Role: "chair" | "head_of_delegation" | "guest" | ""
    # Filled by matching for a recorded person: the article's post is not what the record holds on the
    # event's day (`recorded_post` says what it holds).
    post_is_new: bool = False
    recorded_post: str = ""

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "honorific": self.honorific,
            "academic_title": self.academic_title,
            "post": self.post,
            "organisation": self.organisation,
            "part": self.part,
            "talk_title": self.talk_title,
            "match": self.match,
        }


@dataclass
class DirectiveProposal:
    symbol: str  # as written ("57-KL/TW"), or "" when the article gives only "Kết luận số 57" (in `name`)
    name: str
    evidence: str
    match: int | None = None
    issued_on: date | None = None  # "Kế hoạch số 190/KH-UBND ngày 18/4/2019"
    issuer: str = ""  # "của Chính phủ" → "Chính phủ"

    def to_json(self) -> dict:
        return {"symbol": self.symbol, "match": self.match}


@dataclass
class SourceProposal:
    publisher: str = ""
    url: str = ""
    published_on: date | None = None
    author: str = ""
    credit: str = ""

    def to_json(self) -> dict:
        return {
            "publisher": self.publisher,
            "url": self.url,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "author": self.author,
            "credit": self.credit,
        }


@dataclass
class Proposal:
    title: str = ""
    kind: str = ""  # Event.Kind value or ""
    start_date: date | None = None
    end_date: date | None = None
    date_precision: str | None = None  # Event.Precision: "day" | "month" | "year" | None
    part_of_day: str = ""  # Event.PartOfDay: "morning" | "afternoon" | "evening" | ""
    venue: str = ""
    city: str = ""
    place_province: str = ""  # the province as the text names it ("Khánh Hòa"), or ""
    country: str = ""  # abroad: "tại Cebu, Philippines" → "Philippines"
    province: dict | None = None  # {"code", "name"} of the event date, filled by matching
    organisers: list[OrganiserProposal] = field(default_factory=list)
    people: list[PersonProposal] = field(default_factory=list)
    participants: Figure | None = None
    provinces_count: Figure | None = None
    sites: Figure | None = None  # "trực tuyến ở 11 điểm cầu": connected sites
    directives: list[DirectiveProposal] = field(default_factory=list)
    source: SourceProposal = field(default_factory=SourceProposal)
    warnings: list[str] = field(default_factory=list)
    evidence: dict[str, str] = field(default_factory=dict)  # field name → sentence
    # When only the day and month are known (the year is uncertain), they are kept here for the
    # editor: (day, month) or None. Never turned into a date by the reader.
    day_month: tuple[int, int] | None = None

    def to_json(self) -> dict:
        """The keys of issue 14's JSON, dates in ISO or null."""
        return {
            "title": self.title,
            "kind": self.kind,
            "start_date": self.start_date.isoformat() if self.start_date else None,
            "end_date": self.end_date.isoformat() if self.end_date else None,
            "date_precision": self.date_precision,
            "part_of_day": self.part_of_day,
            "venue": self.venue,
            "city": self.city,
            "province": self.province,
            "organisers": [o.to_json() for o in self.organisers],
            "people": [p.to_json() for p in self.people],
            "participants": self.participants.to_json() if self.participants else None,
            "provinces_count": self.provinces_count.to_json() if self.provinces_count else None,
            "directives": [d.to_json() for d in self.directives],
            "source": self.source.to_json(),
            "warnings": [str(w) for w in self.warnings],
        }

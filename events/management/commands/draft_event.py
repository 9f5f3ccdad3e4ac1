"""Read a press report into a proposed event and print it; writes nothing (issue 14)."""

import importlib.util
import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from events.articles.html import article_text, looks_like_html
from events.articles.reader import read_article


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(f"--published must be YYYY-MM-DD, not {value!r}") from error


class Command(BaseCommand):
    help = "Propose an event from a press report (text or HTML) and print it; nothing is written."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the article, as text or as the HTML of the page")
        parser.add_argument("--url", default="", help="the article's address")
        parser.add_argument("--published", type=_day, default=None, help="publication date, YYYY-MM-DD")
        parser.add_argument("--publisher", default="", help="e.g. “Cổng TTĐT tỉnh Lâm Đồng”")
        parser.add_argument("--json", action="store_true", help="print the proposal as JSON")

    def handle(self, *args, **options):
        try:
            with open(options["file"], "rb") as handle:
                raw = handle.read()
        except OSError as error:
            raise CommandError(f"cannot read {options['file']}: {error.strerror}") from error
        text = raw.decode("utf-8", errors="replace")
        if looks_like_html(text):
            text = article_text(text)
        proposal = read_article(
            text, published_on=options["published"], url=options["url"], publisher=options["publisher"]
        )
        if importlib.util.find_spec("events.articles.matching") is not None:
            from events.articles.matching import match_proposal

            proposal = match_proposal(proposal)
        data = proposal.to_json()
        if options["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self.stdout.write(self._summary(data))

    def _summary(self, data: dict) -> str:
        province = data["province"]["name"] if data["province"] else ""
        lines = [
            f"{data['title'] or '(no title)'} [{data['kind'] or '?'}]",
            f"date: {data['start_date'] or '?'}"
            + (f" – {data['end_date']}" if data["end_date"] else "")
            + f" ({data['date_precision'] or 'unknown'}) {data['part_of_day']}".rstrip(),
            f"place: {', '.join(p for p in (data['venue'], data['city'], province) if p) or '?'}",
        ]
        lines += [
            f"organiser ({o['role']}): {o['name']}" + (f" #{o['match']}" if o["match"] else "")
            for o in data["organisers"]
        ]
        for person in data["people"]:
            who = " ".join(p for p in (person["honorific"], person["academic_title"], person["name"]) if p)
            lines.append(
                f"{person['part'] or 'named'}: {who}, {person['post']}"
                + (f" #{person['match']}" if person["match"] else "")
            )
        for name in ("participants", "provinces_count"):
            if data[name]:
                lines.append(f"{name}: {data[name]['qualifier']} {data[name]['count']}")
        lines += [
            f"directive: {d['symbol'] or '?'}" + (f" #{d['match']}" if d["match"] else "") for d in data["directives"]
        ]
        source = data["source"]
        lines.append(
            f"source: {source['publisher']} {source['url']} {source['published_on'] or ''} {source['credit']}".rstrip()
        )
        lines += [f"warning: {w}" for w in data["warnings"]]
        return "\n".join(lines)

from dataclasses import dataclass

from .models import Directive, DirectiveRelation


@dataclass(frozen=True)
class RelatedDirective:
    label: str
    directive: Directive
    relation: DirectiveRelation


def relations_of(directive: Directive) -> list[RelatedDirective]:
    """Every relation of `directive`, each read from its side: NQ 47 "implements" KL 57, and
    KL 57 "is implemented by" NQ 47."""
    outgoing = directive.relations_out.select_related("target__issuer")
    incoming = directive.relations_in.select_related("source__issuer")
    return [RelatedDirective(r.get_kind_display(), r.target, r) for r in outgoing] + [
        RelatedDirective(r.reverse_label, r.source, r) for r in incoming
    ]

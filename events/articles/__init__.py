"""Read a Vietnamese press report into a proposed event (issue 14).

`reader.read_article` is pure (no database); `matching.match_proposal` compares the proposal with
the record; `html.article_text` reduces a pasted page to its article text.
"""

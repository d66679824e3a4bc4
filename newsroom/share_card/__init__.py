"""Share images ("cards"): the 1200 × 630 PNG that a link to a contest or an article shows
on social networks and in chat apps (og:image, twitter:image).

Two steps, kept apart so that what goes where is tested without drawing:
`layout` turns a card's content (plain strings and numbers) into shapes and lines of text
at given positions, wrapped and cut to fit (pure functions; text is measured by a function
passed in); `draw` paints them with Pillow in the bundled DejaVu fonts (`fonts/`, with
their licence) and encodes the PNG. What a card says is decided by its app: a contest's in
`elections.share`, an article's in `newsroom.articles.share`.

A card is drawn once per change of what it shows: its views are cached reader pages
(`cache_public_page`), rendered again only when a freshness key they show is stamped.
"""

// Generated from Layouts/*.layout — edit those files, then run
// DUTYDESK_RECORD=1 swift test --filter EmbeddedConfigTests to refresh this copy.
enum BuiltinLayouts {
    static let names = ["desk", "field", "township", "wall"]
    static let texts: [String: String] = [
        "desk": #"""
# DutyDesk layout: desk — the four panes in a 2x2 grid, for a command-desk terminal.
#
# Syntax (one setting or node per line; "#" at the start of a word begins a comment):
#   name = NAME            description = TEXT
#   min = WIDTHxHEIGHT     the smallest terminal this layout suits (required); a smaller terminal
#                          falls back along wall -> desk -> township -> field; below 40x10 a message shows
# then one tree of nodes, each child indented 2 spaces more than its parent:
#   split rows SIZE...     children stacked top to bottom, one SIZE per child
#   split cols SIZE...     children side by side, one SIZE per child
#   tabs                   one pane at a time under a tab strip; children are pane lines
#   pane alerts|units|stock|drills
# SIZE: N% (share of the whole split; all-% splits must add up to 100), N (fixed rows or
#       columns), * (fill what is left), N* (fill with weight N)

name = desk
description = Four panes, 2x2
min = 100x30

split rows 50% 50%
  split cols 55% 45%
    pane alerts
    pane units
  split cols 55% 45%
    pane stock
    pane drills

"""#,
        "field": #"""
# DutyDesk layout: field — one pane at a time with a tab strip, for an 80x24 laptop over SSH.
#
# Syntax (one setting or node per line; "#" at the start of a word begins a comment):
#   name = NAME            description = TEXT
#   min = WIDTHxHEIGHT     the smallest terminal this layout suits (required); a smaller terminal
#                          falls back along wall -> desk -> township -> field; below 40x10 a message shows
# then one tree of nodes, each child indented 2 spaces more than its parent:
#   split rows SIZE...     children stacked top to bottom, one SIZE per child
#   split cols SIZE...     children side by side, one SIZE per child
#   tabs                   one pane at a time under a tab strip; children are pane lines
#   pane alerts|units|stock|drills
# SIZE: N% (share of the whole split; all-% splits must add up to 100), N (fixed rows or
#       columns), * (fill what is left), N* (fill with weight N)

name = field
description = One pane at a time with a tab strip (Tab or 1-4 switch)
min = 40x10

tabs
  pane alerts
  pane units
  pane stock
  pane drills

"""#,
        "township": #"""
# DutyDesk layout: township — alerts and stock only, compact, for a township office.
#
# Syntax (one setting or node per line; "#" at the start of a word begins a comment):
#   name = NAME            description = TEXT
#   min = WIDTHxHEIGHT     the smallest terminal this layout suits (required); a smaller terminal
#                          falls back along wall -> desk -> township -> field; below 40x10 a message shows
# then one tree of nodes, each child indented 2 spaces more than its parent:
#   split rows SIZE...     children stacked top to bottom, one SIZE per child
#   split cols SIZE...     children side by side, one SIZE per child
#   tabs                   one pane at a time under a tab strip; children are pane lines
#   pane alerts|units|stock|drills
# SIZE: N% (share of the whole split; all-% splits must add up to 100), N (fixed rows or
#       columns), * (fill what is left), N* (fill with weight N)

name = township
description = Alerts above stock, compact
min = 70x20

split rows 55% 45%
  pane alerts
  pane stock

"""#,
        "wall": #"""
# DutyDesk layout: wall — alerts tall on the left, the other three stacked on the right, for a wall screen.
#
# Syntax (one setting or node per line; "#" at the start of a word begins a comment):
#   name = NAME            description = TEXT
#   min = WIDTHxHEIGHT     the smallest terminal this layout suits (required); a smaller terminal
#                          falls back along wall -> desk -> township -> field; below 40x10 a message shows
# then one tree of nodes, each child indented 2 spaces more than its parent:
#   split rows SIZE...     children stacked top to bottom, one SIZE per child
#   split cols SIZE...     children side by side, one SIZE per child
#   tabs                   one pane at a time under a tab strip; children are pane lines
#   pane alerts|units|stock|drills
# SIZE: N% (share of the whole split; all-% splits must add up to 100), N (fixed rows or
#       columns), * (fill what is left), N* (fill with weight N)

name = wall
description = Alerts tall on the left; units, stock and drills stacked on the right
min = 140x40

split cols 50% 50%
  pane alerts
  split rows 34% 33% 33%
    pane units
    pane stock
    pane drills

"""#,
    ]
}

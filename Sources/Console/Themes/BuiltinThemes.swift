// Generated from Themes/*.theme — edit those files, then run
// DUTYDESK_RECORD=1 swift test --filter EmbeddedConfigTests to refresh this copy.
enum BuiltinThemes {
    static let names = ["default", "high-contrast", "light", "mono", "night"]
    static let texts: [String: String] = [
        "default": #"""
# DutyDesk theme: default — light text on a dark terminal background.
#
# Syntax (one setting per line; "#" at the start of a word begins a comment):
#   name = NAME                      description = TEXT
#   base = THEME                     (first setting only: start from a built-in theme, then override roles)
#   background = dark|light|both     the terminal background it is made for (checked: dutydesk check --themes)
#   light.variant = THEME            use THEME instead on a light terminal (dark.variant: on a dark one)
#   ROLE = [fg:COLOUR] [bg:COLOUR] [ATTRIBUTE...]  mono: ATTRIBUTE...|none
#   marker.level1 ... marker.level4 = TEXT   (drawn beside the roman numeral I-IV in the level column)
# COLOUR: default | black red green yellow blue magenta cyan white | bright-black ... bright-white
#         | a 256-colour index 0-255 | #rrggbb   (mapped to the nearest colour the terminal has)
# ATTRIBUTE: bold dim reverse underline italic blink
# "mono:" is what the role looks like with no colour at all (NO_COLOR, TERM without colour): attributes only.
# Roles: header status status.key pane.border pane.border.focus pane.title pane.title.focus column.header
#   row row.selected row.selected.unfocused group alert.level1 alert.level2 alert.level3 alert.level4
#   new.marker stock.low stock.expiring stock.negative bar.fill bar.empty dim dialog dialog.field
#   dialog.focus error ok tab.active tab.inactive calendar.today calendar.drill sync.online sync.offline
# A pane's top row is its title: a bar across the pane when pane.title(.focus) has a background (not black),
#   reverse or underline, otherwise the title then a rule in pane.border(.focus). pane.border also draws the
#   line between panes side by side.

name = default
description = Dark background, red/orange/yellow/blue warning levels
background = dark
light.variant = light

header                 = fg:bright-white bg:25 bold        mono: reverse bold
status                 = fg:252 bg:236                   mono: reverse
status.key             = fg:bright-yellow bg:236 bold    mono: reverse bold
pane.border            = fg:default                      mono: none
pane.border.focus      = fg:bright-cyan                  mono: bold
pane.title             = fg:250 bg:237                   mono: none
pane.title.focus       = fg:black bg:bright-cyan bold    mono: reverse bold
column.header          = fg:245 underline                mono: underline
row                    = fg:default                      mono: none
row.selected           = fg:black bg:bright-cyan         mono: reverse
row.selected.unfocused = fg:white bg:236 underline       mono: underline
group                  = fg:117                          mono: bold
alert.level1           = fg:bright-white bg:124 bold     mono: reverse bold
alert.level2           = fg:#ff8c00                      mono: bold underline
alert.level3           = fg:#ffff5f                      mono: underline
alert.level4           = fg:#00afff                      mono: none
new.marker             = fg:bright-magenta bold          mono: bold blink
stock.low              = fg:bright-white bg:124          mono: bold
stock.expiring         = fg:#ffaf00                      mono: underline
stock.negative         = fg:white bg:red bold            mono: reverse bold
bar.fill               = fg:green                        mono: bold
bar.empty              = fg:242                          mono: dim
dim                    = fg:244                          mono: dim
dialog                 = fg:white bg:237                 mono: none
dialog.field           = fg:white bg:237 underline       mono: underline
dialog.focus           = fg:black bg:bright-cyan         mono: reverse
error                  = fg:bright-white bg:red bold     mono: reverse bold
ok                     = fg:bright-green bold            mono: bold
tab.active             = fg:black bg:bright-cyan bold    mono: reverse bold
tab.inactive           = fg:250 bg:237                   mono: none
calendar.today         = fg:bright-white underline bold  mono: underline bold
calendar.drill         = fg:black bg:yellow              mono: reverse
sync.online            = fg:black bg:bright-green bold   mono: reverse
sync.offline           = fg:bright-white bg:red bold     mono: reverse bold blink

marker.level1 = !!!!
marker.level2 = !!!
marker.level3 = !!
marker.level4 = !

"""#,
        "high-contrast": #"""
# DutyDesk theme: high-contrast — pure black and white with saturated level colours, for glare and poor eyesight.
#
# Syntax (one setting per line; "#" at the start of a word begins a comment):
#   name = NAME                      description = TEXT
#   base = THEME                     (first setting only: start from a built-in theme, then override roles)
#   ROLE = [fg:COLOUR] [bg:COLOUR] [ATTRIBUTE...]  mono: ATTRIBUTE...|none
#   marker.level1 ... marker.level4 = TEXT   (drawn beside the roman numeral I-IV in the level column)
# COLOUR: default | black red green yellow blue magenta cyan white | bright-black ... bright-white
#         | a 256-colour index 0-255 | #rrggbb   (mapped to the nearest colour the terminal has)
# ATTRIBUTE: bold dim reverse underline italic blink
# "mono:" is what the role looks like with no colour at all (NO_COLOR, TERM without colour): attributes only.
# Roles: header status status.key pane.border pane.border.focus pane.title pane.title.focus column.header
#   row row.selected row.selected.unfocused group alert.level1 alert.level2 alert.level3 alert.level4
#   new.marker stock.low stock.expiring stock.negative bar.fill bar.empty dim dialog dialog.field
#   dialog.focus error ok tab.active tab.inactive calendar.today calendar.drill sync.online sync.offline
# A pane's top row is its title: a bar across the pane when pane.title(.focus) has a background (not black),
#   reverse or underline, otherwise the title then a rule in pane.border(.focus). pane.border also draws the
#   line between panes side by side.

name = high-contrast
description = Maximum contrast: bright colours, bold text, reverse selection
background = both

header                 = fg:black bg:bright-white bold        mono: reverse bold
status                 = fg:black bg:bright-white             mono: reverse
status.key             = fg:black bg:bright-yellow bold       mono: reverse bold underline
pane.border            = fg:default                      mono: none
pane.border.focus      = fg:default bold                 mono: bold
pane.title             = fg:default bold                 mono: bold
pane.title.focus       = fg:black bg:bright-yellow bold       mono: reverse bold
column.header          = fg:default bold underline       mono: bold underline
row                    = fg:default                      mono: none
row.selected           = fg:black bg:bright-yellow bold       mono: reverse bold
row.selected.unfocused = fg:black bg:bright-white             mono: reverse
group                  = fg:black bg:bright-cyan bold    mono: bold underline
alert.level1           = fg:bright-white bg:red bold          mono: reverse bold
alert.level2           = fg:black bg:#ff8700 bold             mono: bold underline
alert.level3           = fg:black bg:bright-yellow bold       mono: underline
alert.level4           = fg:bright-white bg:blue bold         mono: none
new.marker             = fg:bright-magenta bold               mono: bold blink
stock.low              = fg:bright-white bg:red bold          mono: reverse bold
stock.expiring         = fg:black bg:bright-yellow bold       mono: underline bold
stock.negative         = fg:bright-white bg:red bold blink    mono: reverse bold blink
bar.fill               = fg:default bold                 mono: bold
bar.empty              = fg:default                      mono: none
dim                    = fg:default                      mono: none
dialog                 = fg:bright-white bg:black bold        mono: bold
dialog.field           = fg:black bg:bright-white             mono: underline
dialog.focus           = fg:black bg:bright-yellow bold       mono: reverse bold
error                  = fg:bright-white bg:red bold          mono: reverse bold
ok                     = fg:black bg:bright-green bold        mono: bold
tab.active             = fg:black bg:bright-yellow bold       mono: reverse bold
tab.inactive           = fg:bright-white bg:black             mono: none
calendar.today         = fg:black bg:bright-white bold        mono: reverse
calendar.drill         = fg:black bg:bright-yellow bold       mono: bold underline
sync.online            = fg:black bg:bright-green bold        mono: reverse
sync.offline           = fg:bright-white bg:red bold blink    mono: reverse bold blink

marker.level1 = !!!!
marker.level2 = !!!
marker.level3 = !!
marker.level4 = !

"""#,
        "light": #"""
# DutyDesk theme: light — dark text for a white or pale terminal background.
#
# Syntax (one setting per line; "#" at the start of a word begins a comment):
#   name = NAME                      description = TEXT
#   base = THEME                     (first setting only: start from a built-in theme, then override roles)
#   ROLE = [fg:COLOUR] [bg:COLOUR] [ATTRIBUTE...]  mono: ATTRIBUTE...|none
#   marker.level1 ... marker.level4 = TEXT   (drawn beside the roman numeral I-IV in the level column)
# COLOUR: default | black red green yellow blue magenta cyan white | bright-black ... bright-white
#         | a 256-colour index 0-255 | #rrggbb   (mapped to the nearest colour the terminal has)
# ATTRIBUTE: bold dim reverse underline italic blink
# "mono:" is what the role looks like with no colour at all (NO_COLOR, TERM without colour): attributes only.
# Roles: header status status.key pane.border pane.border.focus pane.title pane.title.focus column.header
#   row row.selected row.selected.unfocused group alert.level1 alert.level2 alert.level3 alert.level4
#   new.marker stock.low stock.expiring stock.negative bar.fill bar.empty dim dialog dialog.field
#   dialog.focus error ok tab.active tab.inactive calendar.today calendar.drill sync.online sync.offline
# A pane's top row is its title: a bar across the pane when pane.title(.focus) has a background (not black),
#   reverse or underline, otherwise the title then a rule in pane.border(.focus). pane.border also draws the
#   line between panes side by side.

name = light
description = Light background; darker warning colours that stay readable on white
background = light
dark.variant = default

header                 = fg:bright-white bg:25 bold      mono: reverse bold
status                 = fg:black bg:254                mono: reverse
status.key             = fg:19 bg:254 bold              mono: reverse bold
pane.border            = fg:25                           mono: dim
pane.border.focus      = fg:25 bold                     mono: bold
pane.title             = fg:25                           mono: none
pane.title.focus       = fg:25 bold                     mono: bold underline
column.header          = fg:25 underline                 mono: underline
row                    = fg:default                     mono: none
row.selected           = fg:bright-white bg:25           mono: reverse
row.selected.unfocused = fg:black bg:252                mono: underline
group                  = fg:19 bold                     mono: bold
alert.level1           = fg:#c00000 bold                mono: reverse bold
alert.level2           = fg:#af5f00 bold                 mono: bold underline
alert.level3           = fg:black bg:#ffd75f bold        mono: underline
alert.level4           = fg:#0040c0                     mono: none
new.marker             = fg:magenta bold                mono: bold blink
stock.low              = fg:#c00000 bold                mono: bold
stock.expiring         = fg:#af5f00                     mono: underline
stock.negative         = fg:white bg:#c00000 bold       mono: reverse bold
bar.fill               = fg:22                           mono: bold
bar.empty              = fg:default                      mono: dim
dim                    = fg:default dim                  mono: dim
dialog                 = fg:black bg:253                mono: none
dialog.field           = fg:black bg:white underline    mono: underline
dialog.focus           = fg:bright-white bg:25           mono: reverse
error                  = fg:white bg:#c00000 bold       mono: reverse bold
ok                     = fg:22 bold                      mono: bold
tab.active             = fg:bright-white bg:25 bold      mono: reverse bold
tab.inactive           = fg:black bg:252                mono: none
calendar.today         = fg:black underline bold        mono: underline bold
calendar.drill         = fg:black bg:#ffd75f            mono: reverse
sync.online            = fg:bright-white bg:22 bold      mono: reverse
sync.offline           = fg:white bg:#c00000 bold       mono: reverse bold blink

marker.level1 = !!!!
marker.level2 = !!!
marker.level3 = !!
marker.level4 = !

"""#,
        "mono": #"""
# DutyDesk theme: mono — no colour at all: levels by attributes and markers alone.
# Use it for terminals without colour, printouts of the screen, and colour-blind operators.
#
# Syntax (one setting per line; "#" at the start of a word begins a comment):
#   name = NAME                      description = TEXT
#   base = THEME                     (first setting only: start from a built-in theme, then override roles)
#   ROLE = [fg:COLOUR] [bg:COLOUR] [ATTRIBUTE...]  mono: ATTRIBUTE...|none
#   marker.level1 ... marker.level4 = TEXT   (drawn beside the roman numeral I-IV in the level column)
# COLOUR: default | black red green yellow blue magenta cyan white | bright-black ... bright-white
#         | a 256-colour index 0-255 | #rrggbb   (mapped to the nearest colour the terminal has)
# ATTRIBUTE: bold dim reverse underline italic blink
# "mono:" is what the role looks like with no colour at all (NO_COLOR, TERM without colour): attributes only.
# Roles: header status status.key pane.border pane.border.focus pane.title pane.title.focus column.header
#   row row.selected row.selected.unfocused group alert.level1 alert.level2 alert.level3 alert.level4
#   new.marker stock.low stock.expiring stock.negative bar.fill bar.empty dim dialog dialog.field
#   dialog.focus error ok tab.active tab.inactive calendar.today calendar.drill sync.online sync.offline
# A pane's top row is its title: a bar across the pane when pane.title(.focus) has a background (not black),
#   reverse or underline, otherwise the title then a rule in pane.border(.focus). pane.border also draws the
#   line between panes side by side.

name = mono
description = Monochrome: attributes and markers only
background = both

header                 = bold reverse           mono: bold reverse
status                 = reverse                mono: reverse
status.key             = bold reverse           mono: bold reverse
pane.border            = dim                    mono: dim
pane.border.focus      = bold                   mono: bold
pane.title             = none                   mono: none
pane.title.focus       = bold underline         mono: bold underline
column.header          = underline              mono: underline
row                    = mono: none
row.selected           = reverse                mono: reverse
row.selected.unfocused = underline              mono: underline
group                  = bold                   mono: bold
alert.level1           = reverse bold           mono: reverse bold
alert.level2           = bold underline         mono: bold underline
alert.level3           = underline              mono: underline
alert.level4           = mono: none
new.marker             = bold blink             mono: bold blink
stock.low              = bold                   mono: bold
stock.expiring         = underline              mono: underline
stock.negative         = reverse bold           mono: reverse bold
bar.fill               = bold                   mono: bold
bar.empty              = dim                    mono: dim
dim                    = dim                    mono: dim
dialog                 = mono: none
dialog.field           = underline              mono: underline
dialog.focus           = reverse                mono: reverse
error                  = reverse bold           mono: reverse bold
ok                     = bold                   mono: bold
tab.active             = reverse bold           mono: reverse bold
tab.inactive           = mono: none
calendar.today         = underline bold         mono: underline bold
calendar.drill         = reverse                mono: reverse
sync.online            = reverse                mono: reverse
sync.offline           = reverse bold blink     mono: reverse bold blink

marker.level1 = !!!!
marker.level2 = !!!
marker.level3 = !!
marker.level4 = !

"""#,
        "night": #"""
# DutyDesk theme: night — for the night shift in a dark room: no bright white, dim amber text, deep reds.
#
# Syntax (one setting per line; "#" at the start of a word begins a comment):
#   name = NAME                      description = TEXT
#   base = THEME                     (first setting only: start from a built-in theme, then override roles)
#   ROLE = [fg:COLOUR] [bg:COLOUR] [ATTRIBUTE...]  mono: ATTRIBUTE...|none
#   marker.level1 ... marker.level4 = TEXT   (drawn beside the roman numeral I-IV in the level column)
# COLOUR: default | black red green yellow blue magenta cyan white | bright-black ... bright-white
#         | a 256-colour index 0-255 | #rrggbb   (mapped to the nearest colour the terminal has)
# ATTRIBUTE: bold dim reverse underline italic blink
# "mono:" is what the role looks like with no colour at all (NO_COLOR, TERM without colour): attributes only.
# Roles: header status status.key pane.border pane.border.focus pane.title pane.title.focus column.header
#   row row.selected row.selected.unfocused group alert.level1 alert.level2 alert.level3 alert.level4
#   new.marker stock.low stock.expiring stock.negative bar.fill bar.empty dim dialog dialog.field
#   dialog.focus error ok tab.active tab.inactive calendar.today calendar.drill sync.online sync.offline
# A pane's top row is its title: a bar across the pane when pane.title(.focus) has a background (not black),
#   reverse or underline, otherwise the title then a rule in pane.border(.focus). pane.border also draws the
#   line between panes side by side.

name = night
description = Night shift: dim amber and red, nothing bright white
background = dark
light.variant = light

header                 = fg:#af8700 bg:#1c1c1c          mono: dim reverse
status                 = fg:#af8700 bg:#121212           mono: dim
status.key             = fg:#af8700 bg:#121212 bold     mono: bold
pane.border            = fg:242                          mono: dim
pane.border.focus      = fg:#875f00                     mono: none
pane.title             = fg:#878700                      mono: dim
pane.title.focus       = fg:#af8700                     mono: underline
column.header          = fg:#878700 underline            mono: dim underline
row                    = fg:#af8700                      mono: dim
row.selected           = fg:black bg:#af8700             mono: reverse
row.selected.unfocused = fg:#af8700 bg:#262626          mono: underline
group                  = fg:#d78700                      mono: none
alert.level1           = fg:#d78700 bg:#5f0000 bold      mono: reverse
alert.level2           = fg:#d78700 bold                 mono: bold underline
alert.level3           = fg:#878700                     mono: underline
alert.level4           = fg:#5f87af                      mono: dim
new.marker             = fg:#d70000 bold                 mono: bold
stock.low              = fg:#d78700 bg:#5f0000           mono: bold
stock.expiring         = fg:#afaf00                      mono: underline
stock.negative         = fg:#d78700 bg:#5f0000 bold underline mono: reverse
bar.fill               = fg:#5f8700                     mono: none
bar.empty              = fg:242                          mono: dim
dim                    = fg:#878700                      mono: dim
dialog                 = fg:#af8700 bg:#262626          mono: none
dialog.field           = fg:#af8700 bg:#262626           mono: underline
dialog.focus           = fg:black bg:#af8700             mono: reverse
error                  = fg:#d78700 bg:#5f0000 bold     mono: reverse
ok                     = fg:#5f8700                     mono: bold
tab.active             = fg:black bg:#af8700             mono: reverse
tab.inactive           = fg:#878700 bg:#121212           mono: dim
calendar.today         = fg:#af8700 underline           mono: underline
calendar.drill         = fg:black bg:#878700             mono: reverse
sync.online            = fg:#87af00 bg:#1c1c1c           mono: dim reverse
sync.offline           = fg:#d78700 bg:#5f0000          mono: reverse bold

marker.level1 = !!!!
marker.level2 = !!!
marker.level3 = !!
marker.level4 = !

"""#,
    ]
}

"""The ids of the default pack (``prompts/<lang>/trust-repair.toml``) that the code reads by name.

The pack's other ids are only data. These are read wherever their answers mean something
beyond the pack: the partner's name in the checks of a commitment, the ratings and beliefs that
``list``, ``progress``, the home screen, the summary and the report follow over time. Any pack
that uses the same ids is followed the same way. ``tests/unit/test_default_pack.py`` holds
both languages of the pack to them, with the kinds read here.
"""

DEFAULT_PACK = "trust-repair"  # the pack a session uses unless ``--pack`` names another

PARTNER = "partner"  # text: how the user refers to their partner (``{partner}`` in texts)

# Ratings followed over time.
SELF_TRUST = "self_trust"  # rating: how much the user trusts themself
PARTNER_TRUST = "partner_trust"  # rating: the user's estimate of the partner's trust

# The three misconceptions, one step each.
MYTH_NEVER = "myth-never"  # "lost trust can never come back"
MYTH_WORDS = "myth-words"  # "saying the right thing will restore it"
MYTH_OTHERS = "myth-others"  # "someone else can fix it for me"

# Each belief is measured (a rating from 0 to 100) at the start and at the end of its step:
# (step id, question id at the start, question id at the end).
BELIEFS = (
    (MYTH_NEVER, "never_belief_start", "never_belief_end"),
    (MYTH_WORDS, "words_belief_start", "words_belief_end"),
    (MYTH_OTHERS, "others_belief_start", "others_belief_end"),
)

# The first version of the pack asked once per step, yes / partly / no, how much each belief was
# held (in the order of BELIEFS). No pack asks them now; older journals still hold them.
FIRST_VERSION_BELIEFS = ("never_belief", "words_belief", "others_belief")

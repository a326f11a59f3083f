"""The words and phrases the rules look for, as regular expressions over lower-case English.

Each pattern's ``t`` group is the trigger a candidate reports.
"""

from __future__ import annotations

import re

# Verbs and nouns that signal a move, by what they say.
LEAVE = re.compile(
    r"\b(?:has |have |had )?(?:just |recently |now |officially |quietly |abruptly )?"
    r"(?P<t>left|leaves|leaving|leave|departed|departs|departing|depart|quit|quits|quitting|"
    r"exited|exits|exiting|resigned|resigns|resigning|stepped down|steps down|stepping down|"
    r"step down|parted ways with|walked away from|bowed out of|is no longer (?:at|with))\b"
)
JOIN = re.compile(
    r"\b(?P<t>joined|joins|joining|join|rejoined|rejoins|moved to|moves to|moving to|move to|"
    r"switched to|switches to|switching to|jumped to|jumps to|jumped ship to|defected to|"
    r"defects to|went to|headed to|returned to|returns to|return to|signed on with|signed with|"
    r"landed at|lands at|decamped to|took (?:up )?a (?:role|job|position|post) at|"
    r"explored a role at|is now at|now works at|now at|arrived at|arrives at|came to|"
    r"comes to|came over to|surfaced at|resurfaced at|ended up at|turned up at|landed a role at)\b"
)
HIRE = re.compile(
    r"\b(?P<t>hired|hires|hiring|recruited|recruits|poached|poaches|poaching|lured|lures|"
    r"luring|brought on|brings on|brought in|tapped|taps|snapped up|snaps up|nabbed|nabs|"
    r"appointed|appoints|named|names|onboarded|acqui-?hired)\b"
)
# "the second researcher to leave the firm": an infinitive after these is a move itself;
# after a noun it only describes one.
INFINITIVE_VERBS = re.compile(
    r"\b(?:set|plans?|planning|decided|decides|going|about|poised|slated|due|agreed|chose|"
    r"expected|wants?|hopes?|is|was|are|were|intends?|left|quit|resigned)\s+to\s+$"
)
# "has since become Sable's chief scientist", "became head of research at X": a new job.
BECAME = re.compile(r"\b(?P<t>(?:has |have )?(?:since |now )?(?:became|become))\b")
LEAVE_NOUN = re.compile(r"\b(?P<t>departure|exit|resignation|defection|ouster)\b")
MOVE_NOUN = re.compile(r"\b(?P<t>move|switch|jump|defection|return) to\b")
FOUND = re.compile(r"\b(?P<t>founded|co-founded|cofounded|launched|started|set up|established)\b")
OWN_VENTURE = re.compile(
    r"\b(?:own|new)\s+(?:[\w-]+\s+){0,3}?(?:venture|startup|start-up|company|business|firm|"
    r"endeavou?rs?|lab|project)s?\b|\b(?:venture|startup|start-up|company|business|firm)s? of "
    r"(?:his|her|their) own\b|\b(?:found|start|launch|co-found|set up|build)(?:ed)? (?:a|an) "
    r"(?:[\w-]+ ){0,2}?(?:venture|startup|start-up|company|business|firm|lab)\b"
)
TO_NEXT = re.compile(
    r"\b(?:for|to join|and joined|and join|and has joined|to become\b[^,;]{0,50}?\b(?:at|of)|"
    r"to work (?:at|for)|to head|to lead|to run|to take (?:up )?(?:a|an|the) [\w\s-]{0,30}?"
    r"(?:at|with)|before joining|then joined|to (?:co-?)?found|to start|to launch|to set up|"
    r"and (?:co-?)?founded|and started|and launched)\b"
)
NEAR = 60  # characters: how far after a departure its destination may be stated
FROM_WORD = re.compile(r"\b(?:from|away from|formerly of|formerly at|previously at)\b")
ANNOUNCED = re.compile(
    r"\b(?:is|are|was|were) (?:set|slated|poised|due|scheduled) to\b|\bwill\b|\bis to\b|"
    r"\b(?:plans?|planning|intends?|agreed) to\b|\b(?:is|are) (?:leaving|joining|departing|"
    r"moving|stepping down|exiting|returning)\b|\bset to\b|\bimpending\b|\bupcoming\b|"
    r"\bplanned\b|\bwill be\b"
)
SPECULATION = re.compile(
    r"\b(?:could|might|would|should|may(?! \d)|(?:is|are|was|were) (?:expected|likely|rumou?red|"
    r"said|believed|thought|tipped) to|likely|reportedly (?:in talks|considering|weighing|"
    r"mulling)|in talks|considering|weighing|mulling|rumou?rs?|rumou?red|speculat\w*|"
    r"possibl[ey]|potential(?:ly)?|whether|if|unless|tried to|trying to|attempts? to|"
    r"wants? to|hopes? to|seeks? to)\b"
)
NEGATION = re.compile(r"\b(?:not|never|n't|no|denied|denies|declined|refused|rejected)\b")
DENIAL = re.compile(
    r"\b(?:denied|denies|deny|dismissed|refuted|rumou?rs?|rumou?red|speculation|"
    r"unconfirmed|reports? that|according to (?:a|one) report)\b"
)
# Seats that are not jobs: "will join X's board", "joined the advisory board of X".
BOARD_SEAT = re.compile(r"^[^.;]{0,40}?\b(?:board|advisory council|advisers?|advisors?)\b")
INVITATION = re.compile(
    r"\b(?:invit\w*|offer(?:ed|s|ing)?|extend\w* an? (?:open )?(?:invitation|offer)|"
    r"welcome to join|reach out|courting|courted|wooing|wooed|urg\w*|encourag\w*|"
    r"call(?:ed|ing)? on|asked|asking)\b"
)
# Jobs: "X, head of Y", "Y's chief scientist X", "X, who led Y", "former Y researcher X", ...
JOB_BEFORE_ORG = re.compile(
    r"(?P<role>(?:(?:a|an|the|its|their|his|her)\s+)?(?:[\w-]+\s+){0,6}?)"
    r"(?P<prep>at|of|with|for|in)\s+(?:[a-z][\w-]*\s+){0,5}$"  # "the founder of data firm X"
)
LED = re.compile(
    r"\b(?P<t>(?:previously |formerly |once |also )?(?:led|leads|leading|oversaw|oversees|"
    r"overseeing|headed|heads|heading|ran|runs|running|managed|manages|co-led|co-founded|"
    r"cofounded|founded|built|worked (?:at|for)|works (?:at|for)|was (?:at|with)|"
    r"served (?:at|as [\w\s-]{1,40}? (?:at|of))|spent [\w\s-]{1,40}? (?:at|with)|"
    r"was appointed as [\w\s-]{1,50}? (?:at|of)|was named [\w\s-]{1,50}? (?:at|of)))\b"
)
PAST_JOB = re.compile(
    r"\b(?P<t>veteran of|background at(?: both)?|alumnus of [\w\s]{0,10}?(?=\b)|member of|"
    r"(?:brief |short |long )?stint (?:at|with)|"
    r"after [\w-]+ years? (?:at|with)|spent [\w-]+ years? (?:at|with)|formerly (?:of|at|with)|"
    r"previously (?:at|with|of)|former|ex-)\b"
)
STUDY = re.compile(
    r"\b(?P<t>graduat\w+(?: with [^.;]{0,80}?)? from|(?:phd|ph\.d\.?|doctorate|master'?s|"
    r"bachelor'?s|degree)\b[^.;]{0,50}? (?:from|at)|studied (?:[\w-]+ ){0,3}at|"
    r"(?:alumnus|alumna|alumni|graduate) of)\b"
)
INVEST = re.compile(
    r"\b(?P<t>invested in|invests in|investing in|an investor in|investor in|backed|backs|"
    r"backing|funded|funds|led (?:a|the) [\w\s$.-]{0,30}?(?:round|investment) in|"
    r"(?:a |the )?stake in)\b"
)
PART_OF = re.compile(
    r"\b(?P<t>(?:a|an|the) (?:[\w-]+ ){0,2}(?:unit|division|subsidiary|arm|lab|laboratory|"
    r"affiliate|branch|department|business) (?:of|under|at)|owned by|the owner of|"
    r"which owns|parent (?:company )?of)\b"
)
# Between a subject and its verb: an aside between commas, auxiliaries, adverbs.
SUBJECT_GAP = re.compile(
    r"(?:\s*,(?![^,;]*\b(?:and|who)\b)[^,;]{1,120},)?"
    r"\s*,?\s*(?:(?:both|all|each) of whom\s+|who\s+)?"
    r"(?:(?:has|have|had|is|are|was|were|will|would|recently|also|now|just|officially|quietly|"
    r"reportedly|abruptly|finally|has been|been|set|to)\s+)*"
)
# "a leading AI talent", "one senior engineer": a person the article has not named yet.
UNNAMED_PERSON = re.compile(
    r"\b(?:a|an|one)\s+(?:[\w-]+\s+){0,3}?(?:talent|engineer|researcher|scientist|executive|"
    r"leader|expert|founder|veteran|specialist|figure|star|employee|developer|head|director)\s+"
    r"(?:(?:is|was|has|had|has been|now|also|reportedly)\s+)*$"
)
MOVE_VERB = re.compile(
    "|".join(f"(?:{pattern.pattern.replace('?P<t>', '')})" for pattern in (LEAVE, JOIN))
    + r"|\b(?:was|were|has been|had been) (?:hired|recruited|poached|lured|named|appointed)\b"
)
PRONOUNS = {
    "he": "subject",
    "she": "subject",
    "him": "object",
    "his": "possessive",
    "her": "possessive",
}

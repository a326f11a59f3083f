"""Word lists the extraction rules rely on: general English and domain knowledge, no article's.

Each list says what it is for; the rules in ``mentions`` and ``rules`` read them.
"""

from __future__ import annotations


def _words(text: str, *, separator: str | None = None) -> frozenset[str]:
    """The words of ``text`` (split at ``separator``, default white space), as a set."""
    return frozenset(" ".join(word.split()) for word in text.split(separator) if word.strip())


# The last word of an organisation's name ("Moonshot AI", "Peking University", "Acme Labs").
ORG_HEADS = _words(
    """
    inc inc. corp corp. corporation co co. ltd ltd. llc plc gmbh ag sa group holdings holding
    labs lab laboratory laboratories ai technologies technology tech research institute
    university college academy foundation capital ventures partners fund systems robotics
    intelligence cloud team division unit school center centre networks software dynamics
    analytics studios studio semiconductor semiconductors computing bank brain platforms
    department ministry company startup agency council society association alliance
    """
)

# Heads that take "of" or "for" inside a name ("University of Toronto", "Center for AI Safety").
OF_HEADS = _words(
    """
    university institute center centre school academy department ministry bank foundation
    society association council alliance laboratory college office bureau
    """
)

# Words that make a lowercase phrase a unit of its owner ("Tencent's Hunyuan AI model team").
UNIT_NOUNS = _words(
    """
    team teams lab labs laboratory division unit department group arm branch institute academy
    center centre studio subsidiary wing business segment
    """
)

# Well-known AI labs and technology companies: a name here is an organisation wherever it
# appears. General knowledge of the field, as a newsroom's style guide would list it.
KNOWN_ORGS = _words(
    """
    01.AI; AI2; AI21; AI21 Labs; AMD; AWS; Adept; Adobe; Airbnb; Aleph Alpha; Alibaba; Alibaba
    Cloud; Alibaba Group; Allen Institute for AI; Alphabet; Amazon; Amazon Web Services;
    Amazon.com; Ant Group; Anthropic; Apple; Baichuan; Baidu; Berkeley; ByteDance; Cambridge;
    Carnegie Mellon; Character.AI; Cohere; Databricks; DeepMind; DeepSeek; Didi; Douyin; FAIR;
    Facebook; Fudan University; Google; Google Brain; Google DeepMind; Google Research; Harvard;
    Horizon Robotics; Huawei; Hugging Face; IBM; Inflection; Inflection AI; Intel; JD; JD.com;
    Kakao; Kuaishou; Kuaishou Technology; LG; Lenovo; LinkedIn; MIT; Megvii; Meituan; Meta; Meta
    AI; Microsoft; Microsoft AI; Microsoft Research; Midjourney; Mila; MiniMax; Mistral; Mistral
    AI; Moonshot; Moonshot AI; NVIDIA; Naver; NetEase; Netflix; Nvidia; OpenAI; Oracle; Oxford;
    PDD; Palantir; Peking University; Perplexity; Pinduoduo; Pinterest; Preferred Networks;
    Qualcomm; Reka; Runway; SSI; Safe Superintelligence; Sakana AI; Salesforce; Samsung; Scale
    AI; SenseTime; Shanghai Jiao Tong University; Shein; Snap; Snowflake; Sony; SpaceX;
    Stability AI; Stanford; StepFun; Stripe; Temu; Tencent; Tesla; Thinking Machines; Thinking
    Machines Lab; TikTok; Tsinghua; Tsinghua University; Twitter; Uber; Unitree; Vector
    Institute; Xiaomi; Yandex; Zhejiang University; Zhipu; Zhipu AI; iFlytek; xAI
    """,
    separator=";",
)

# Capitalised words that start a sentence or a phrase without being (part of) a name.
NOT_NAMES = _words(
    """
    the a an this that these those however but and or meanwhile in on at for with after before
    as while according although it he she they we i you his her their its our my your if when
    since despite earlier later last next now today yesterday also both several many some other
    others key here here's home read related most more notably similarly moreover additionally
    furthermore instead still yet then there what who which where why how whether once until
    unlike like among amid during from to by of about over under into than so such each every
    all any no not nor one two three four five six seven eight nine ten first second third new
    former current chief senior junior group core viewpoint regulatory compliance beyond across
    through toward towards within without upon via per inside outside behind between against
    along around near throughout amongst versus timeline action items looking ahead tags share
    stay sign get want leave reply feel breaking exclusive update updated analysis opinion news
    business technology tech report reports reported sources source photo image file mr mrs ms
    dr prof professor sir january february march april may june july august september october
    november december monday tuesday wednesday thursday friday saturday sunday
    """
)

# Places and nationalities: capitalised, but neither people nor organisations.
PLACES = _words(
    """
    China; Chinese; US; U.S.; USA; America; American; UK; U.K.; Britain; British; Europe;
    European; EU; Japan; Japanese; Korea; Korean; India; Indian; France; French; Germany; German;
    Canada; Canadian; Israel; Israeli; Singapore; Taiwan; Hong Kong; Beijing; Shanghai; Shenzhen;
    Hangzhou; Guangzhou; Silicon Valley; San Francisco; New York; London; Paris; Seattle;
    Toronto; Tokyo; Seoul; Asia; Asian; Western; Eastern; East; West; Texas; California; Calif.;
    Austin; Boston; Zurich; Santa Clara; Palo Alto; Mountain View; Redmond; Cambridge; Oxford
    """,
    separator=";",
)

# The most common Chinese surnames in pinyin: a capitalised pair with one of them is a name.
CHINESE_SURNAMES = _words(
    """
    Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Zheng
    Liang Xie Song Tang Han Feng Deng Cao Peng Zeng Xiao Tian Dong Pan Yuan Cai Jiang Yu Du Ye
    Cheng Wei Su Lu Ding Ren Yao Shen Zhong Jin Fu Bo Yan Qian Qin Shi Dai Fan Fang Kong Lei
    Long Mao Meng Mo Ni Ou Qiu Shao Tan Wan Wen Xiong Xue Yin Zhan Zou Hou Jia Bai Cui Duan Hao
    Kang Lai Lv Lyu Niu Qi Tao Xia Xiang Yi Zhai Chang Chu Gu Hong Hua Ji Jing Kuang
    """
)

# Words naming a job or a role; before or after a name they mark a person.
ROLE_WORDS = _words(
    """
    researcher researchers scientist scientists engineer engineers founder cofounder co-founder
    co-author coauthor author
    ceo cto cfo coo cso president vice vp director head lead leader manager executive chief
    officer professor chair chairman chairwoman partner fellow investor developer architect
    analyst designer member veteran expert specialist talent figure pioneer star principal staff
    intern postdoc student
    """
)


# Common given names (English and others frequent in technology news): a capitalised pair
# that starts with one of them is a person.
GIVEN_NAMES = _words(
    """
    Aaron Abigail Adam Adrian Aidan Alan Albert Alex Alexander Alexandr Alexandra Alexis Alice
    Alicia Allison Amanda Amelia Amir Amit Amy Ana Andre Andrea Andreas Andrej Andrew Andy
    Angela Anil Anita Ann Anna Anne Anthony Anton Antonio Arjun Arthur Arvind Ashley Ashish
    Barbara Ben Benjamin Beth Bill Bob Brad Bradley Brandon Brian Bruce Bryan Carl Carlos Carmen
    Carol Caroline Catherine Charles Charlie Charlotte Chris Christian Christina Christine
    Christopher Claire Clara Craig Dan Dana Daniel Daniela Danielle Dario David Deborah Demis
    Denis Dennis Derek Diana Diego Dmitry Dominic Donald Doug Douglas Dylan Edward Elena Eli
    Elizabeth Ella Ellen Elon Emily Emma Eric Erik Ethan Eugene Eva Evan Fei Felix Fernando
    Francesca Francis Frank Gabriel Gary Geoffrey George Gina Grace Greg Gregory Hannah Hans
    Harry Heather Helen Henry Hugo Ian Igor Ilya Irene Isaac Isabel Ivan Jack Jacob Jake James
    Jamie Jan Jane Janet Jared Jason Jay Jean Jeff Jeffrey Jennifer Jeremy Jerry Jessica Jim
    Joanna Joe Joel John Jon Jonathan Jordan Jose Joseph Josh Joshua Judy Julia Julian Julie
    Justin Karen Karl Kate Katherine Kathy Kavya Keith Kelly Ken Kevin Kim Kristen Kyle Laura
    Lauren Leah Lee Leo Leon Linda Lisa Liz Logan Lora Louis Lucas Lucy Luis Lukas Luke Madison
    Manuel Marc Marco Marcus Margaret Maria Marie Mark Martin Mary Matt Matthew Max Maya Megan
    Melissa Michael Michelle Miguel Mike Mira Mohammed Mustafa Naomi Natalie Nathan Neil
    Nicholas Nick Nicole Nikhil Nina Noah Noam Nora Oliver Olivia Omar Oscar Pablo Pamela
    Patrick Paul Pedro Peter Philip Pierre Piotr Priya Rachel Rahul Raj Ravi Rebecca Reid
    Richard Rick Rob Robert Robin Roger Ronald Rosa Ross Ruth Ryan Sam Samantha Samuel Sandra
    Sara Sarah Satya Scott Sean Sebastian Sergey Shane Sharon Shawn Sophia Sophie Stefan
    Stephanie Stephen Steve Steven Sundar Susan Tanya Taylor Teresa Thomas Tim Timothy Tina Todd
    Tom Tony Tyler Uma Victor Victoria Vijay Vikram Vincent Vivian Walter Wayne Wendy Will
    William Wojciech Xavier Yann Yoshua Yuri Zach Zachary Zoe Zoubin
    """
)

# Words that end a unit phrase ("X's team and its lab"): function words, not descriptions.
FUNCTION_WORDS = _words(
    """
    the a an and or of for to in on at by with from who which that has have had is was will as
    its his her their said says
    """
)

# Words that may stand between a verb and its object ("joined rival startup X").
DETERMINERS = _words(
    """
    the a an its his her their rival fellow startup start-up lab company firm giant tech ai
    chinese american french british us u.s. search e-commerce social media chipmaker chip
    research newly new fledgling stealth secretive now recently just officially also then back
    as
    """
)

# Words after which a period does not end a sentence.
ABBREVIATIONS = _words(
    """
    mr mrs ms dr prof sr jr st inc corp ltd co vs etc e.g i.e u.s u.k u.n jan feb mar apr jun
    jul aug sep sept oct nov dec no approx gen gov sen rep dept univ est fig vol
    """
)

# "the company", "the chipmaker", "the e-commerce giant": nouns that stand for an organisation
# named before.
ORG_NOUNS = _words(
    """
    company firm group giant startup start-up organization organisation conglomerate chipmaker
    carmaker automaker maker lab laboratory unicorn outfit developer platform institute
    """
)

"""The rules of personal-information detection, as plain objects over a folded text (no spaCy here): the
spaCy components of :mod:`petitionnlp.pii.components` hold one of each and call them.

- :class:`PatternRules` — the patterns of ``corpora/pii/patterns.jsonl``: phones in every common writing,
  resident IDs (the checksum, or 身份证 nearby, confirms one; also written in groups), passports and the
  Hong Kong, Macao and Taiwan permits, plates, e-mail, QQ/WeChat/Alipay accounts and bank cards (Luhn, or 卡号
  nearby).  A number right after a receipt word (受理编号…: ``kept_columns.txt``) is the case's, not a person's.
- :class:`NameRules` — private persons: a word jieba tags as a person whose first character is a surname
  (``surnames.txt``); a surname and one or two characters after a context word (举报人, 村民, 老板 …
  ``name_context.txt``) or a role, relation or neighbour word (保洁员, 弟弟, 邻村 … ``role_words.txt``; a given name
  starting with a function word's character, before a verb of saying: 来电人王和平反映); a name
  before a cue of possession (…开的, …家的, …的石料厂: ``possession.txt``); names with a middle dot
  (阿依古丽·买买提) and Tibetan and Mongolian names made of common name elements (``minority_name_parts.txt``);
  a name next to a village group (汤细毛（均为5组村民）, 5组汤细毛、3组邓梅英反映: ``village_groups.txt``,
  ``village_group_words.txt``) or after 向 before a verb of asking (向王伟了解情况: ``ask_verbs.txt``) or after 由
  before a verb of doing (此事由王建国负责, 由欧阳负责: ``agent_verbs.txt``), or the deputy of the post a firm's
  head was named after, next in a list (加油站站长罗建军、副站长刘红梅);
  not a name with a post (许达哲省长: ``titles.txt``), a masked one (张某, 李某某), a place (王家村:
  ``place_after.txt``), a company (张三有限公司), a river after a verb of discharge (排入邵水:
  ``discharge_verbs.txt``), a word before a particle (群众费心了) or a listed false friend (``not_names.txt``); a name found once is one at every
  other mention of it in the text that does not read as a word, a place or a business (向覃海燕反馈).

Decisions (session 41; the cases are in ``corpora/pii/probe41_source.txt`` and ``tests/test_pii_r41.py``):

- The head of a village group (5组组长, 三组小组长, 村民小组长, 生产队长) is a villager, a private person: no official
  of any government, he is named as a witness or a party the way a villager is, so his name is hidden
  (``village_group_words.txt`` +组长 …, ``name_context.txt``); 组长 of an inspection team (核查组组长, 督察组组长) stays
  an official's post.  Hiding one name too many costs the office's tables little; showing a private one is the
  harm redaction exists to prevent.
- A complainant's given name that is also a place's — a town's (红梅镇) or a district's or county's (建华区, 永定区) —
  is hidden, as a mention of the name found, where the office reaches him (已同建华沟通, 经与永定本人核实) or he speaks
  (建华表示满意); elsewhere it is read as the place (齐齐哈尔市建华区, 到永定办事), which the tables need.
- A name ending in 乡 or 镇 (居民宁乡称) is a person's when it follows a complainant's or a group's word and comes before
  a verb of saying, as a city's name there already was (村民余江称): a township does not speak; 宁乡市, 宁乡镇 stay.

Decisions (session 42; the cases are in ``corpora/pii/probe42_source.txt`` and ``tests/test_pii_r42.py``):

- After a word that opens a unit's finding (经查, 据查, 经核实 …: ``finding_openers.txt``) the clause's subject, a surname
  and given-name characters before a word that follows names (在, 的, 于, 前来), is a person, though jieba reads it as
  words (莫 an adverb, 国庆 a day); a finding is about a party, and an official there comes with his post.
- Names in a list with 、 are whole items between the marks: two or more before a count of households or persons or a
  kinship (两户, 三人, 兄弟, 夫妇: ``list_closers.txt``) are private persons, and so are the items next to a name found
  after a context word or a cue; a list next to a name jieba alone found is left as it was (briefings list leaders).
- Leaders listed after 市领导, 县领导 … are officials (领导 a post): a briefing's list of those present stays, as a
  post's holder does; a township's 专干 is a post too.
- An extension (分机806, 转8012) is part of the phone's span, as every gold set marks it.

Decisions (session 42, helper p42b; the cases are in ``corpora/pii/probe42c_source.txt`` and ``tests/test_pii_r42b.py``):

- A journalist's name in a byline is printed for the public and stays: 本网讯(邱枫), 本报讯（张晨阳）, 記者|鄭東巖, 本報記者廉偉
  趙娜 (``titles.txt``); a bare name in brackets closing an article ((孙建飞)) stays hidden, since a letter's signature
  looks the same and a complainant must never show.
- A surname with a form of address (李师傅, 王某某老师) names no one and stays; a full name with 老师 or 师傅 after it
  (严春燕老师, 卢德福师傅) is a private person, no post of any government, and is hidden.  A post after the name
  (馮安龍專員, 吴振国会长, 总工程师周光辉) is an official's, as one before it is.
- Names listed before 等 and a count (…等3户, …等十余人: ``list_closers.txt``) are private persons, one alone too before a
  count of a group's people (龚细妹等8名村民); names listed before 等县领导 (``leaders_after.txt``) are officials.
- A name alone in brackets right after a phone or an ID number is the number's holder (15973102846(涂光明)).
- Words of environmental work jieba's dictionary tags as persons (蓝天, 碧水, 齐全, 许可, 满意率) are listed false friends
  (``not_names.txt``): after a complainant's word and before a verb of saying they are still a name (举报人蓝天反映).

Decisions (session 42, review42; the cases are in ``tests/test_review42.py``):

- A name found after a context word, or right after a complainant's word though jieba read it apart (举报人周 / 向东),
  is private at every mention: no post next to another mention (罗建平会长, 记者|罗建平), no 等领导, no post elsewhere.
- 领导 is a post only of a level or a public body (县领导, 局领导; 该公司领导 is a firm's), 等…领导 closes a list of
  officials only with a level (等县领导); a post only ever after the name (+会长) is no official's after a context word.
- A list with spaces only after a byline's post (``byline_posts.txt``): 承办人 王明 刘红梅 13907315566 is a pasted row.

Decisions (session 43, helper p43; the cases are in ``corpora/pii/probe43_source.txt`` and ``tests/test_pii_r43.py``):

- A complainant who says what he is (举报人系县钓鱼协会副会长宋长林, 反映人为小区业委会主任谭立新: a complainant's word, a
  copula of ``copulas.txt``) is a private person whatever post closes the description: an association's or a residents'
  body's post is no government's, and his complaint is a private act.
- A name that is a city's or a county's (万宁, 安仁, 高明) is a person's right after a complainant's word, before a home or
  kin (高明家的, 之子), and at a mention where the office reaches it or it speaks (万宁表示认可); 高明区, 安仁县 stay.
- At a clause's start a surname and given-name characters before 称, 说 or 表示 are a name (欧阳菲称, 罗金花表示) unless
  jieba reads a word there (该厂称, 官方称, 房东说; 向群众说明: a preposition, and 说明 no 说).
- A middle-dot name ends before a verb of saying or a function word's character (巴特尔·孟和称, 乌力吉·那顺于5日内), 和 and
  the conjunctions excepted (孟和), unless a context word follows (巴特尔·孟和和妻子); Yi names (吉克曲布) are minority
  name elements; a nationality in brackets (哈斯额尔敦（蒙古族）) follows a person.
- A surname with a form of address (``honorifics.txt``: 欧阳大姐, 李大哥) names no one and stays; an account's holder
  named in brackets after it (…545（工行，邝美玲）) is hidden as a phone's is; a Hong Kong identity card is an ID.

Decisions (session 43, helper p43b; the cases are in ``corpora/pii/probe43b_source.txt`` and ``tests/test_pii_r43b.py``):

- A surname with a form of address or a post and no given name (王总, 李老板, 陈师傅, 刘所长, Mr Chen) names no one and
  stays; a full name with a firm's post (总经理邬建军, 周立华经理, 车间主任刘永强, 总监陆平) is a private person's.
- An official's post in brackets right after his name (张立军（县生态环境局副局长）诫勉谈话) makes him one, as before
  it; a homeowners' committee's head (业委会主任) and a village group's head are private on either side of the name.
- Kin as a letter in the first person names them (我老伴…, 我媳妇…, 我和爱人…) are private persons; so are the people
  under a header cell of a person in a table pasted as text (姓名, 举报人, 负责人 …), a villager after his group and 的
  (五组的谢春兰), a member named with @ in a group chat, and a name in pinyin or English (Wang Xiaoming, ZHANG Wei,
  Mary Johnson after a complainant's word; capitals alone only after a person's word: AN LI is as often a brand).
- A home's door and room numbers are hidden before 的业主/的住户 (where the writer lives), after an address cell of a
  person's row and under a table's header of a home; a firm's address and a building alone stay.

Decisions (session 44, helper p44; the cases are in ``corpora/pii/probe44_source.txt`` and ``tests/test_pii_r44.py``):

- The parties of court documents and penalty decisions (被告人, 上诉人, 证人, 被询问人, 受送达人, 申辩人, a firm's 员工) are
  private persons, and so is a lawyer (辩护人, 委托诉讼代理人 … 律师): he acts for a private party and holds no public post;
  the bench, the clerk and the prosecutor (审判长, 审判员, 人民陪审员, 书记员, 检察员), a process server (送达人) and a
  unit's sign-off lines (拟稿, 审核, 签发) are posts, as 经办人 is.
- A reply's addressee (石玉兰：\n你于…反映的, 付正平同志：你反映的: a name at a line's start, a colon, then 你 or 您) is the
  complainant, a private person, 同志 or not; a surname with a post or a form of address (刘科长：您好) stays.
- A name before a bracket giving a person's sex or age (覃国柱（男，56岁）) or saying what he is before a verb of saying
  (谭立新（小区业委会主任）称) is a person's; an official's post in the bracket still makes him one.
- A married woman's name with 氏 (王李氏, 刘陈氏) is her full name and is hidden; a surname with 氏 alone (陈氏宗祠) stays.
- A minority's name after a nationality and a context word (傣族村民玉罕, 彝族村民阿苏拉则) follows no surname's rules:
  the characters up to where a name ends, unless jieba reads a word of manner there (彝族群众纷纷反映).
- Residents listed with their flats (冯艳 3-1-502, after 房号) are hidden, the flat as 住址; officials listed with their
  badge numbers in brackets (执法人员：蒋卫东（执法证号：…）、林秀清（…）) stay.

Decisions (session 44, helper p44b; the cases are probe44b's misses and ``tests/test_pii_r44b.py``):

- Every party procedural law names by its part in a proceeding is a private person (被不起诉人, 自诉人, 被执行人, 申请执行人,
  被处罚人, 案外人, 法定代理人, 监护人 …: ``name_context.txt``, each word the head of its longer forms); an agency's
  note-taker (记录人, 记录员) is a post, as the sign-off lines are.
- A name is never kept inside another (季红霞说: not 红霞 too), and at a line's or a clause's start a surname jieba reads as a
  noun before a name it reads is the name's (季 / 红霞：又在烧…: the chat line's speaker, not 红霞 with the surname shown).
- A numbered roster row (1. 樊立军 8-1-1201) names a resident by his flat: the flat is 住址, and the name before it then too.
- Surnames of Yunnan's peoples (排, 勒排: Jingpo clans; 普) are surnames; the words they start that jieba reads as nouns are
  listed false friends (排队, 普查); a compound surname jieba reads as a side (东方) before given-name characters is a name
  after a group's word too (养殖户东方明亮介绍); a listed false friend jieba reads from a surname on, cut inside the name (农户夏收时,
  the farm seasons' words: ``not_names.txt``), is no name.
- Before 同志 and a colon, a reply's addressee may have a given name that is a word (尤建设同志：你反映的…), none of its
  characters a function word's, a place ending's or a side's, the whole no word of the dictionary (党员同志：).
- (probe44c's kinds, after its blind measure) The speakers of a chat transcript, two lines or more opening with a name
  and a colon, are hidden though jieba reads one as a noun (时小军：); a numbered row's first cell before a count or an
  amount (1. 郑满仓　3人　每月发放1050元) is a listed person, and a person jieba reads a character short of the cell (滕满 /
  囤) is the cell's name; the households of demolition and relief lists (被征收人, 拆迁户, 低保户 …) are private persons
  and a demolished house's number (房屋坐落：…2组15号) is 住址; a surname with 姐, 哥 or 工 names no one (李姐, 王工); an
  agency's inspectors and questioner (检查人, 询问人) are posts; 古 is a surname.

Decisions (session 44, helper p44c; probe44c's leftovers after p44b, now development data, and ``tests/test_pii_r44c.py``):

- A surname and a nickname (王二麻子, 赵二狗, 刘三 / 麻子: a rank among siblings between, ``nickname_marks.txt``) are one private
  person's name, hidden whole: the tail alone (麻子) left the surname in the clear.  Not 大, 小 or 老 (顾大局, 刘老板 jieba
  reads as persons; 王老汉 is a form of address), nor a form of address or a post after the rank (张三哥).
- The compound surnames of the 百家姓 are surnames; 第五, an ordinal's head jieba reads as a count, makes a name only before a
  word jieba reads as a person or a proper name (第五红梅; 第五条, 第五次, 第五中学 stay).
- A short message's or a letter's signature after a dash closing the text (——住在厂后面的龙春花: ``signature_marks.txt``) is
  the writer, a private person; a person jieba reads before a verb of sending a message (汪德顺发给我) is one.
- A Dai name after a nationality and a context word (傣族村民玉罕、岩应反映): two characters, 岩/玉/艾/咪 first
  (``minority_name_heads.txt``), before a list mark or a verb of saying, whatever jieba reads it as; no common noun (岩石).

Decisions (session 47, helper p47; the cases are in ``tests/test_pii_p47.py``):

- After a person's word, two characters that write Tibetan or Uyghur names' syllables (``transliteration_chars.txt``)
  and are no word of the dictionary, before a verb of saying, are a name (牧民久買说); a word (久居) or a verb whose
  character writes no such syllable (南迁, 跑来) is none.
- A middle-dot name one of whose parts is one word jieba reads as a person's is a name though another part is a place's
  (吐尔逊·和田说: Uyghur given names are often places'); a preposition before the run is none of it (据青海新闻网·…报道).
- A Han name is a later item of a list a minority name begins and a verb of saying closes (岩温扁、王永安所述属实); a
  person jieba reads after 对/给予 before a discipline is one (对艾山问责, 对吐尔逊问责), unless a post names him elsewhere.
- A charity's or a body's account published for anyone to pay into (爱心捐款账号, 县红十字会募捐账号: ``patterns.jsonl``'s
  ``public``, in the same phrase) stays visible; 竹 is a surname.  (Review r47: not where a person's word stands
  between the public word and the account, or a transfer's verb — 捐款人的银行卡号, 捐款的本人账号, 善款转入李四账户:
  ``private``.)  Helper p48 (session 48): nor where a name the names component found stands between them
  (捐款：张三账号6222…, 捐款账户：王春华 6217…): the patterns hand over what they leave out as published.
- Helper p48 (session 48, probe49): a narrative's private person — a name jieba reads before 承认, 等人, 进行 or kin
  (父子, 母女 …), after 之子/侄子 or a date and a comma (2016年2月，马士新通过…: ``person_cues.txt``), a villager after
  乡亲; a middle-dot name starts after a post (村主任买买提·艾力: then read as a post, as a Han name is) and ends before
  家, a conjunction before a noun, an adverb, pronoun or time jieba reads, or a private person's cue (…·喀吾孜家不远,
  …·朱马和牧业点, …·喀斯木每天, …·艾海提回忆); a Kazakh or Uyghur name jieba reads as a person's right after a person's
  word (村民叶斯哈提在…); the items of a list next to a name jieba alone found (胡代国、童安平在…), not vouched for; a
  photo's credit with a space before 摄 (张驰 王玮 摄) stays; a firm's word seven characters or more after a name
  makes it no firm's name (马大琳实际协助管理英力公司).
- Review r48 (session 48): a charity's account is a person's too where its holder is named after it (…，户名：张三;
  …（王春华）: ``patterns.jsonl``'s ``holders``) or masked or addressed before it (捐款：王某某账号…, 张先生账号…:
  ``private``); every item of a list next to a name jieba found, each walk stopping at the next such name (one item
  on either side showed 胡代国 of 欧永辉、乔芳雄、马桂林、胡代国在…); a middle-dot name's last part goes on after a head of
  a longer given name (``dot_name_heads.txt``: 买买提·阿不都拉倾倒渣土 showed 不都拉); 乡亲 is a group's word (乡亲常说),
  a word jieba reads with 地 of manner no name (村民高兴地说), 患儿 a name's context word (为患儿王小明捐款); a post after
  a verb of holding it is the name's (2020年，王建国任镇长后…: ``appointment_verbs.txt``), and a copula, that verb or a
  mask right after a name starts another firm's (举报人刘德胜系某公司经理: no firm's name, the complainant's).
- Helper p54 (session 54, probe56): a full name after 由 before a verb of doing is the one who does it (此事由王建国负责,
  该鱼塘由陈志刚承包, 由张华提供的照片: a town's short name there is a person's), not vouched for (由县长王建国负责 stays
  an official's), and 由 right after a person's word is a surname (村民由建军负责看管; not 村民由其…, 村民由大家…); the
  head of a firm's station is a firm's officer (加油站站长孙建平: ``name_context.txt``), a body's station head a post;
  two mobiles written together without a separator are two numbers, each hidden and each its own
  span (``choose`` joins no two phones), after a receipt word the case's as the first is; a number may start after a
  space that follows a number written in three groups (139 7412 5896 188 0731 6523, 0731 8456 1234 0731 8456 1235), as
  after seven digits; 内线, 分机号 and 转分机 start an extension.
- Review r54 (session 54, p54's shapes widened): two mobiles with a dash between, three run together, a mobile and a
  landline glued either way (159223178510735-2261784) or with a dash (0735-2261784-15922317851,
  159-2231-7851-136-7741-8802) are each a number (a kept word before the run, over its digits and
  dashes, keeps them all); an extension in brackets, after a colon, 转内线 or 内线号 is the line's, also without an area
  code; a word of ``agent_adverbs.txt`` may stand between the name after 由 and its verb (由邓国强具体负责, 一人看守); the
  head of a private farm, a buying station or a law firm is a firm's officer (养猪场场长, 废品收购站站长: ``name_context.txt``).

Both read their data from a folder (the shipped ``corpora/pii/``, or a saved component's own folder) and can
write it back (:meth:`to_dir`).  Offsets are into the folded text; the components map them to the original.
"""

from __future__ import annotations

import json
import re
import shutil
from functools import lru_cache
from pathlib import Path

from ..errors import Errors, ModelError
from ..resources import read_list
from ..text import CJK, toneless
from .namemodel import NameModel

__all__ = ["PatternRules", "NameRules", "choose", "IDENTIFIER_RUN", "NAME_FILES", "PATTERN_FILE"]

#: A run of digits, Latin letters and the marks inside identifiers (``+86 138-1234-5678``, ``abc@qq.com``,
#: ``A·12345``): one token for the tokenizer.
IDENTIFIER_RUN = re.compile(r"[0-9A-Za-z](?:[0-9A-Za-z@._%+\-·•()]|\s(?=[0-9]))*[0-9A-Za-z)]|[0-9A-Za-z]")
_TABLE_SEP = re.compile(r"[\t|｜]")  # the cells of a table pasted as text
_SENTENCE_MARKS = "。；;！!？?"  # the marks that end a sentence (a line break ends one too, but not a form's)
SENTENCE_END = re.compile(f"[{_SENTENCE_MARKS}\n]")  # what ends a sentence: an account's holder is named in its own
# what ends a sentence, a line break not: a form's fields stand one a line (举报人：王某某\n举报电话：…, 举报电话：…\n联系人：…)
FORM_SENTENCE_END = re.compile(f"[{_SENTENCE_MARKS}]")
LINE_TAIL = 60  # how far after a published line's number its holder is looked for (联系人王建国, （王建国）)
_CLAUSE_CUT = re.compile(r"[，,。；;、（）()\s]")  # what ends the clause a post after 任 stands in
_HOLDER_GAP = re.compile(r"[\s:：(（]*(?:为|是)?[\s:：]*")  # between a holder's word and his name (户名：, 收款人为)
PHRASE_END = re.compile(f"[，,{_SENTENCE_MARKS}\n]")  # what ends a phrase: a cue before it is another phrase's
# between two numbers of one body's list of lines: separators, and brackets that say whose each is (（…分局）；, （执法人员）、)
_LISTED_GAP = re.compile(r"(?:[ \t\u3000]*(?:[(（][^()（）\n。]{1,20}[)）])?[ \t\u3000]*[、，,；;/或和及][ \t\u3000]*)+")
# or a line break, each number alone on its line (举报电话：0731-84561234\n0731-84561235: a form's or a notice's list)
_LISTED_LINE = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")
_LINE_END = re.compile(r"[ \t\u3000]*(?:\n|$)")
PATTERN_FILE = "patterns.jsonl"
_SHARED = "shared"  # the row of patterns.jsonl that holds the word lists several patterns read (@line_words …)
KEPT_FILE = "kept_columns.txt"
NAME_FILES = {"surnames": "surnames.txt", "given": "given_name_chars.txt", "context": "name_context.txt",
              "roles": "role_words.txt", "follow": "name_follow.txt", "titles": "titles.txt",
              "place_after": "place_after.txt", "not_names": "not_names.txt", "subject_verbs": "subject_verbs.txt",
              "possession": "possession.txt", "minority": "minority_name_parts.txt",
              "discharge": "discharge_verbs.txt", "premises": "premises.txt", "kept": KEPT_FILE,
              "groups": "group_words.txt", "group_adverbs": "group_adverbs.txt",
              "group_belongings": "group_belongings.txt", "contact": "contact_verbs.txt", "village_groups": "village_groups.txt",
              "village_group_words": "village_group_words.txt", "ask": "ask_verbs.txt", "agent": "agent_verbs.txt",
              "agent_adverbs": "agent_adverbs.txt",
              "findings": "finding_openers.txt", "list_closers": "list_closers.txt", "leaders_after": "leaders_after.txt",
              "bylines": "byline_posts.txt", "staff_posts": "staff_line_posts.txt", "honorifics": "honorifics.txt",
              "copulas": "copulas.txt", "discipline": "discipline_words.txt", "naming": "naming_words.txt",
              "openers": "subject_openers.txt", "pronouns": "letter_pronouns.txt",
              "person_brackets": "person_brackets.txt", "married": "married_name_marks.txt",
              "nicknames": "nickname_marks.txt", "signatures": "signature_marks.txt",
              "minority_heads": "minority_name_heads.txt", "list_marks": "list_marks.txt",
              "deputy_marks": "deputy_marks.txt",
              "layout": "layout_patterns.txt",
              "nationality": "nationality_marks.txt", "givers": "discipline_givers.txt", "person_cues": "person_cues.txt",
              "byline_marks": "byline_marks.txt", "glue_after": "name_glue_after.txt",
              "subject_not_next": "subject_not_next.txt", "glue_word": "name_glue_word.txt",
              "surname_prepositions": "surname_prepositions.txt", "glue_before": "name_glue_before.txt",
              "transliterated": "transliteration_chars.txt", "dot_heads": "dot_name_heads.txt",
              "appointed": "appointment_verbs.txt", "firm_words": "firm_words.txt",
              "agent_not_tags": "agent_not_tags.txt", "name_stats": "name_char_stats.tsv",
              "name_model": "name_model.tsv"}

_CJK = re.compile(f"[{CJK}]")


def _shared_words(words: list, shared: dict[str, list], row: int, seen: tuple[str, ...] = ()) -> list:
    """``words`` with each ``@name`` replaced by the words of ``shared[name]`` (which may name others in turn)."""
    out = []
    for w in words:
        if isinstance(w, str) and w.startswith("@"):
            if w[1:] not in shared or w[1:] in seen:
                raise ModelError(Errors.E090.format(path=f"{PATTERN_FILE} 第{row}行",
                                                    reason=f"共用词表“{w[1:]}”不存在或引用了自己"))
            out += _shared_words(shared[w[1:]], shared, row, seen + (w[1:],))
        else:
            out.append(w)
    return out


def _read_lines(path: Path) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [ln.strip() for ln in fh if ln.strip() and not ln.startswith("#")]


def _firm_word(line: str) -> tuple[str, int]:
    """A line of ``firm_words.txt``: the word, a tab, and how many characters at most stand before it (公司\t6)."""
    word, _, gap = line.partition("\t")
    if not word.strip() or not gap.strip().isdigit():
        raise ModelError(Errors.E090.format(path="firm_words.txt", reason=f"这一行应为“词<Tab>字数”：{line}"))
    return word.strip(), int(gap)


def _by_length(words) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=len, reverse=True))


# ------------------------------------------------------------------------------------------------ checks

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _resident_id(s: str) -> bool:
    """GB 11643 check digit of an 18-character resident ID (separators ignored)."""
    s = re.sub(r"[\s\-]", "", s).upper()
    if len(s) != 18 or not s[:17].isdigit():
        return False
    return _ID_CHECK[sum(int(c) * w for c, w in zip(s[:17], _ID_WEIGHTS)) % 11] == s[17]


def _luhn(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _bank_card(s: str) -> bool:
    digits = re.sub(r"\D", "", s)
    return 16 <= len(digits) <= 19 and digits.startswith("62") and _luhn(digits)


_DOTTED_IP = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_DECIMAL_IN_SERIES = re.compile(r"\.\d{1,2}\s+\d|\d\s+\d{1,3}\.\d")


def _mobile(s: str) -> bool:
    """Whether eleven digits with dots between groups are a phone (138.0731.5566, 1.3.8…), not an IP address
    (192.168.10.100) nor decimals of a series of measured values (PM2.5：17.6 15.3 16.8 14.2 13.9)."""
    if "." not in s:
        return True
    return not (_DOTTED_IP.fullmatch(s) or _DECIMAL_IN_SERIES.search(s))


def _hk_id(s: str) -> bool:
    """The check digit of a Hong Kong identity card (K382716(A)): the letters (a space before a single one) and six
    digits weighted 9 … 2, the check making the sum a multiple of 11 (A for 10)."""
    head, check = s[:s.index("(")], s[s.index("(") + 1]
    values = [36] * (8 - len(head)) + [ord(c) - 55 if c.isalpha() else int(c) for c in head]
    total = sum(v * w for v, w in zip(values, range(9, 1, -1))) + (10 if check == "A" else int(check))
    return total % 11 == 0


def _plate(s: str) -> bool:
    return sum(c.isdigit() for c in s) >= 2


@lru_cache(maxsize=1)
def _pinyin_sounds() -> tuple[frozenset, frozenset]:
    """(every syllable pypinyin reads a Chinese character as, toneless; the surnames of ``surnames.txt`` as
    written in pinyin, compound ones joined: ouyang)."""
    from pypinyin import lazy_pinyin
    from pypinyin.pinyin_dict import pinyin_dict

    syllables = set()
    for code, readings in pinyin_dict.items():
        if 0x4E00 <= code <= 0x9FFF:
            for r in readings.split(","):
                syllables.add(toneless(r))
    surnames = {"".join(lazy_pinyin(n)) for n in read_list("pii", NAME_FILES["surnames"])}
    return frozenset(syllables), frozenset(surnames)


def _syllables(word: str, most: int = 3) -> bool:
    """Whether ``word`` is one to ``most`` pinyin syllables (xiaoyan = xiao + yan)."""
    syllables = _pinyin_sounds()[0]
    if not word:
        return True
    return most > 0 and any(word[:k] in syllables and _syllables(word[k:], most - 1)
                            for k in range(min(6, len(word)), 0, -1))


def _pinyin_name(s: str) -> bool:
    """A name in pinyin: a surname's pinyin (Zhang, Ouyang), then a given name of one or two syllables
    (Wei, Xiaoyan, Xiao Yan), in capitals too as a passport writes it (ZHANG Wei, CHEN JIANHUA); WeChat, John
    Deere, Wang Fang Ltd or COD BOD are none."""
    parts = re.findall(r"[A-Z][a-z]*", " ".join(w.capitalize() if w.isupper() else w for w in s.split()))
    if len(parts) < 2 or parts[0].lower() not in _pinyin_sounds()[1]:
        return False
    given = "".join(parts[1:]).lower()
    return len(parts) <= 3 and _syllables(given, 2)


_CHECKS = {"mobile": _mobile, "resident_id": _resident_id, "bank_card": _bank_card, "plate": _plate, "pinyin_name": _pinyin_name,
           "hk_id": _hk_id}


def table_cells(text: str, heads) -> list[tuple[int, int]]:
    """(start, end) of the cells, stripped of spaces, of a table pasted as text (cells split by tabs or bars, one row
    a line) that stand under a header cell ``heads(cell)`` accepts, in the rows after that header with as many
    cells (序号\t姓名\t联系电话 / 1\t雷春花\t… → 雷春花); a row of another width ends the table."""
    out, header, width, pos = [], None, 0, 0
    for line in text.split("\n"):
        cells, at = [], pos
        for part in _TABLE_SEP.split(line):
            lead = len(part) - len(part.lstrip(" \u3000"))
            cells.append((at + lead, at + len(part.rstrip(" \u3000"))))
            at += len(part) + 1
        pos += len(line) + 1
        if len(cells) < 2:
            header = None
            continue
        picked = [j for j, (a, b) in enumerate(cells) if b > a and heads(text[a:b])]
        if picked:
            header, width = picked, len(cells)
        elif header and len(cells) == width:
            out += [cells[j] for j in header if cells[j][1] > cells[j][0]]
        else:
            header = None
    return out


def choose(spans: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str]]:
    """Non-overlapping spans: the longer first (a phone number inside a bank card is the card), then the
    pattern of higher priority; two of one type that touch are one (88号 and 3栋2单元501室 are one 住址, one
    placeholder), but two phones stay two (1378654219315907314428: a caller's two mobiles written without a separator,
    each a number the callback list may dial)."""
    picked: list[tuple[int, int, str]] = []
    held: set[int] = set()  # the places a picked span holds (n spans cost n, not n²)
    for start, end, label, _ in sorted(spans, key=lambda s: (-(s[1] - s[0]), -s[3], s[0])):
        if not any(k in held for k in range(start, end)):
            picked.append((start, end, label))
            held.update(range(start, end))
    joined: list[tuple[int, int, str]] = []
    for start, end, label in sorted(picked):
        if joined and joined[-1][1] == start and joined[-1][2] == label and label != "电话":
            start = joined.pop()[0]
        joined.append((start, end, label))
    return joined


# ---------------------------------------------------------------------------------------------- patterns

class PatternRules:
    """The identifier patterns: ``patterns`` are the dicts of ``patterns.jsonl`` (``label``, ``pattern`` with an
    optional ``span`` group, ``check`` (which a context word overrides unless ``check_decides``), ``context`` and
    ``window``, and ``needs_context`` when a passed check is not enough; ``columns``: the header cells of a table
    pasted as text under which a match needs no context word; ``public``: words that, in the same phrase within
    ``window`` (or ``public_window``) before the match — none of ``private_sentence`` (举报人, 姓名 …) in its
    sentence before it or in its own phrase, nor of ``private_after`` (反映 …: a complaint) in its sentence —, make
    it a body's account published for anyone to pay into (爱心捐款账号, 县慈善总会账户: no person's) or its line
    published to be called or written to (举报电话：0391-6961880,
    专门值班电话：0551—62651086, 举报邮箱：…) unless one of ``private`` stands between (捐款人的卡号, 捐款的本人账号: a
    person's) or the word is more than ``near`` characters before it — and so is a number listed right after such a
    line, only separators and brackets between (举报电话：0999-3023815（…分局）；13999370909、18160358021（执法人员）: the
    body's list) — never a match of a ``personal`` pattern (a mobile number: a petition's 举报电话13812345678 is the
    caller's; review of p51), ``priority``); ``kept`` the receipt words after which a number is the case's."""

    def __init__(self, patterns: list[dict], kept: list[str] = ()):
        self.patterns = [dict(p) for p in patterns]
        self.kept = list(kept)
        self._compiled = [(p, re.compile(p["pattern"]), _CHECKS[p["check"]] if p.get("check") else None)
                          for p in self.patterns]
        self._kept_re = re.compile("(?:" + "|".join(map(re.escape, _by_length(self.kept))) + r")\s*[:：为是]?\s*$") \
            if self.kept else None

    @classmethod
    def from_dir(cls, path) -> "PatternRules":
        """The patterns of the folder's ``patterns.jsonl``, each ``@name`` in a list replaced by the words of ``name`` in
        the file's ``shared`` block (the lists several patterns read, written once: ``line_words`` …)."""
        path = Path(path)
        with open(path / PATTERN_FILE, encoding="utf-8") as fh:
            rows = [(n, json.loads(ln)) for n, ln in enumerate(fh, 1) if ln.strip() and not ln.startswith("#")]
        shared = {k: v for _, row in rows for k, v in row.get(_SHARED, {}).items()}
        patterns = [{k: _shared_words(v, shared, n) if isinstance(v, list) else v for k, v in row.items()}
                    for n, row in rows if _SHARED not in row]
        runs = shared.get("runs", {})  # how far back, over which marks, a number's run reaches (plain; run_spaces)
        for p in patterns:
            run = runs.get("spaced" if p.get("run_spaces") else "plain", {})
            p.setdefault("run_seps", run.get("seps", ""))
            p.setdefault("run_reach", run.get("reach", 0))
        kept = _read_lines(path / KEPT_FILE) if (path / KEPT_FILE).is_file() else []
        return cls(patterns, kept)

    def to_dir(self, path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        with open(path / PATTERN_FILE, "w", encoding="utf-8") as fh:
            for p in self.patterns:
                fh.write(json.dumps(p, ensure_ascii=False) + "\n")
        (path / KEPT_FILE).write_text("".join(w + "\n" for w in self.kept), encoding="utf-8")

    def find(self, folded: str, public: list | None = None) -> list[tuple[int, int, str, int]]:
        """(start, end, label, priority) of every candidate, overlapping ones included; ``public`` gets (start, end,
        label, priority, where the public word ends, where its holder's name would start, where a person named before
        the word would start to hold it or -1, whether a body's word binds the line's word (:meth:`_bound`), where the
        names of a body's staff start before the word (:meth:`_staff`)) of each left out as a body's published account,
        and of each mobile listed right after one (its holder named after it may hold the list) — a person's name found
        between that word and it, or where its holder is named after it, or before the word in its sentence with none
        of ``bodies`` nearer (王建国，举报电话：…; 县环保局举报电话 stays), makes it the person's (捐款：张三账号…,
        …账号：6222…，户名：张三: :class:`NameRules`' names decide).  A match of a ``listed_context`` pattern needs no
        context word when it is listed right after another number of its label (电话：0731-84561234、84561235)."""
        found = []
        personal: set[tuple[int, int]] = set()  # matches of a ``personal`` pattern: a mobile is a person's, listed or not
        listed: list[tuple[int, int, str]] = []  # the body's published lines left out (start, end, label)
        since: dict[int, int] = {}  # where a body's line starts → where a person named before its word would hold it
        bound: dict[int, tuple] = {}  # where a body's line starts → (bound by a body's word, its staff's names' starts)
        ends: dict[int, set] = {}  # where a match kept so far ends → its labels (a list's next number looks back)
        cells: dict[str, list] = {}

        def columns(p: dict) -> list:
            key = "\t".join(p["columns"])
            if key not in cells:
                cells[key] = table_cells(folded, lambda head: head in p["columns"])
            return cells[key]

        for p, rx, check in self._compiled:
            for m in rx.finditer(folded):
                start, end = m.span("span") if "span" in rx.groupindex else m.span()
                ok_check = check(folded[start:end]) if check else None
                ctx = p.get("context")
                ok_context = any(w in self._context_window(p, folded, start) for w in ctx) if ctx else None
                if ok_context is False and p.get("columns") and any(a <= start and end <= b for a, b in columns(p)):
                    ok_context = True  # in a cell under a header of ``columns`` (住址: …某小区5栋2单元601)
                if ok_check is False and (ok_context is not True or p.get("check_decides")):
                    continue
                if ok_context is False and p.get("listed_context") and _listed_after(folded, start, end, p["label"],
                                                                                     ends):
                    ok_context = True  # (电话：0731-84561234、84561235: the list's short second number)
                if ok_context is False and (ok_check is None or p.get("needs_context")):
                    continue  # (needs_context: the check alone does not decide — CHEN JIANHUA after 英文名, not AN LI)
                run = start  # (a number glued to one before it, the second or third of mobiles run together, or
                # after a dash: the run's start; with run_spaces, after a space too: 编号0731-84561234 84561235 — r55)
                seps, reach = p.get("run_seps", ""), p.get("run_reach", 0)  # (patterns.jsonl's shared "runs")
                while run > max(0, start - reach) and (folded[run - 1].isdigit() or (
                        folded[run - 1] in seps and folded[run - 2:run - 1].isdigit())):
                    run -= 1
                if self._kept_re and self._kept_re.search(folded[max(0, run - 8):run]):
                    continue  # 受理编号001485325945: the case's number (受理编号1592231785113677418802: its second half too)
                if p.get("public") and (word := self._public(p, folded, start)) is not None:
                    listed.append((start, end, p["label"]))
                    ends.setdefault(end, set()).add(p["label"])
                    since[start] = self._since(p, folded, word)
                    bound[start] = (self._bound(p, folded, word), self._staff(p, folded, since[start], word))
                    if public is not None:
                        public.append((start, end, p["label"], p.get("priority", 1), word,
                                       self._holder(p, folded, end, bound[start][0]), since[start], *bound[start]))
                    continue  # 爱心捐款账号：…, 县红十字会募捐账号…: a charity's account, published (个人账号 after 捐款， is one)
                found.append((start, end, p["label"], p.get("priority", 1)))
                ends.setdefault(end, set()).add(p["label"])
                if p.get("personal"):
                    personal.add((start, end))
        if not listed:
            return found
        # a number listed right after a body's published line, only separators and brackets between, is the body's too
        # (…举报：0999-3023815（…分局）；13999370909、18160358021（执法人员）), the next one after it in its turn
        kept = []
        for start, end, label, priority in sorted(found):
            before = [(b, a) for a, b, lab in listed if lab == label and b <= start]
            last = max(before, default=None)
            if last and _listed_gap(folded, last[0], start, end):
                chained = (since.get(last[1], -1), *bound.get(last[1], (False, ())))
                if public is not None:
                    public.append((start, end, label, priority, last[1], self._holder({}, folded, end), *chained))
                    # (…、13812345678（张建国）: a person named in the bracket after it holds it; …、138…（刘）: a
                    # mobile stays hidden, and its holder holds the list before it where no body's word binds it)
                if (start, end) not in personal:
                    listed.append((start, end, label))
                    since[start], bound[start] = chained[0], chained[1:]
                    continue
            kept.append((start, end, label, priority))
        return kept

    @staticmethod
    def _context_window(p: dict, folded: str, start: int) -> str:
        """The ``window`` characters before ``start``, each of ``p``'s ``not_context`` words blanked out: a longer word
        a context word stands in that says another thing (，住所地：…596号 is a firm's seat, not ，住 a home)."""
        window = folded[max(0, start - p.get("window", 8)):start]
        for w in p.get("not_context", ()):
            window = window.replace(w, "\0" * len(w))
        return window

    @staticmethod
    def _public(p: dict, folded: str, start: int) -> int | None:
        """Where the public word ends if the match at ``start`` is a body's published account (else None): the last of
        ``p``'s ``public`` words in its
        phrase within ``window`` before it, and none of its ``private`` words between that word and the match — a
        person who owns it (捐款人的银行卡号, 捐款的本人账号, 捐款后我的微信号: a person's) or a transfer into it
        (善款转入李四账户: the money moved to someone's own; 请将捐款汇入县慈善总会账户 stays the charity's) or a list
        of those it pays (慈善救助对象…, 捐款名单：…); and at most ``near`` characters from that word to the match (the
        word names the account's holder: 红十字会捐款专用银行账号：…, not a person named between, 慈善基金会向困难户王建国
        卡号…)."""
        phrase = PHRASE_END.split(folded[max(0, start - p.get("public_window", p.get("window", 12))):start])[-1]
        at = max((phrase.rfind(w) + len(w) for w in p["public"] if w in phrase), default=-1)
        public = at >= 0 and len(phrase) - at <= p.get("near", len(phrase)) \
            and not any(w in phrase[at:] for w in p.get("private", ()))
        domain = p.get("public_domain") and re.match(p["public_domain"], folded[start:start + 80])
        if domain:  # (an office's mailbox at a government's domain, its own word or none: …邮箱dlqygj@tj.gov.cn; a
            # complaint in its sentence is the office's business — only a person's word makes it his)
            public, at = True, len(phrase)
        if public and p.get("private_sentence"):
            # (a person's word in the sentence makes a line his: 举报人：王某，举报电话：138…; …（举报人王某）)
            # (a form's fields one a line: 举报人：王某某\n举报电话：0731-…; review r51)
            head = folded[_sentence_start(p, folded, start):start]
            tail = SENTENCE_END.split(folded[start:start + LINE_TAIL])[0]
            form_tail = FORM_SENTENCE_END.split(folded[start:start + LINE_TAIL])[0]
            owned = any(w in tail for w in p.get("owned_after", ()))  # (…，王建国说这是他家的座机: his, said after it)
            if PatternRules._bound(p, folded, start - (len(phrase) - at)):
                # (a line a body's word binds, 县环保局举报电话：0731-…: a clause after its own phrase is the line's
                # only where it names its holder — …，联系人：王建国, …，王先生 — not where it says a thing of its own:
                # …，村民周桂兰反映的问题已查实, …，当事人陈光明已被立案调查 leave the bureau's line the bureau's)
                tail = _appositions(p, tail)
                form_tail = _appositions(p, form_tail)
            complaint = "".join(FORM_SENTENCE_END.split(folded[max(0, start - 80):start])[-2:])  # (two sentences)
            public = not owned and not any(w in head or w in PHRASE_END.split(tail)[0] for w in p["private_sentence"]) \
                and not any(w in form_tail for w in p.get("private_tail", ())) \
                and (domain or not any(w in complaint or w in tail for w in p.get("private_after", ())))
            # (居民反映…，举报电话：138…; 举报邮箱：…，反映…: a complaint in its sentence makes it the complainant's, and
            # so does one in the sentence before: …偷排废水，严重污染河道。举报电话：0731-…; …，联系人王建国: a contact
            # named after it in its sentence holds it)
        return start - (len(phrase) - at) if public else None

    @staticmethod
    def _since(p: dict, folded: str, word: int) -> int:
        """Where a person named before a public word ending at ``word`` starts to hold its line (else -1, ``p`` having
        no ``bodies``): the start of the word's sentence, or the end of the last of ``bodies`` in it (王建国，举报电话：…
        is 王建国's; 王建国，县环保局举报电话：… the bureau's)."""
        if not p.get("bodies"):
            return -1
        a = _sentence_start(p, folded, word)
        head = folded[a:word]
        return a + max((head.rfind(w) + len(w) for w in p["bodies"] if w in head), default=0)

    @staticmethod
    def _bound(p: dict, folded: str, word: int) -> bool:
        """Whether one of ``p``'s ``bodies`` stands in the phrase of the public word ending at ``word``, none of its
        ``not_binding`` (a person's word, 居民 …) after it (县环保局举报电话, 县环保局公布举报电话: the body's line by its own
        words; 县环保局，举报电话, 举报电话 alone and 市中心居民举报电话 are not)."""
        phrase = PHRASE_END.split(folded[max(0, word - LINE_TAIL):word])[-1]
        at = max((phrase.rfind(w) + len(w) for w in p.get("bodies", ()) if w in phrase), default=-1)
        return at >= 0 and not any(w in phrase[at:] for w in p.get("not_binding", ()))

    @staticmethod
    def _staff(p: dict, folded: str, since: int, word: int) -> tuple:
        """Where a name right after one of ``p``'s ``staff`` words, itself right after one of its ``bodies``, starts
        between ``since`` and the public word ending at ``word``: the body's staff in role, who do not make its line
        theirs (据县环保局工作人员王建国介绍，举报电话：…; 县环保局执法人员赵志刚说，…) — not one whose phrase begins with
        one of its ``former`` words (原县环保局工作人员王建国，举报电话：…: no longer in role, a private person; review r53)."""
        if since < 0 or not p.get("staff"):
            return ()
        head = folded[_sentence_start(p, folded, word):word]
        at = word - len(head)
        return tuple(at + m.end() for b in p.get("bodies", ()) for w in p["staff"]
                     for m in re.finditer(re.escape(b + w), head)
                     if not PHRASE_END.split(head[:m.start()])[-1].lstrip("据经由").startswith(tuple(p.get("former", ()))))

    @staticmethod
    def _holder(p: dict, folded: str, end: int, bound: bool = False) -> int:
        """Where the name of the account's holder would start, the account ending at ``end`` (else -1): after one of
        ``p``'s ``holders`` words in the sentence after it (…6222…，户名：张三; 收款人：王春华) or a bracket opened right after
        it (…6222…（王春华）), or a space (监督电话：0731-… 王建国) — a person found there holds it (review r48: a charity's
        is named by its body, 户名：县慈善总会).  Not a bracket that says when the line is answered (one of ``p``'s
        ``line_notes``: （白）) after a line a body's word binds or beside another such bracket in its sentence
        (…（白）、…（夜）): the hours, not the surname 白 (review r52's 举报电话：…（李））."""
        sentence = SENTENCE_END.split(folded[end:end + p.get("holder_window", 16)])[0]
        at = min((sentence.find(w) + len(w) for w in p.get("holders", ()) if w in sentence), default=-1)
        if at < 0 and sentence and sentence[0] in "(（ \u3000":  # (not an empty one: …；0731-… ends it at once)
            at = 1
            note = _NOTE.match(sentence)
            if note and note.group(1) in p.get("line_notes", ()) and (bound or any(
                    m.group(1) in p["line_notes"] and m.start() != note.start()
                    for m in _NOTE.finditer(FORM_SENTENCE_END.split(folded[end:end + LINE_TAIL])[0]))):
                return -1
        return end + len(_HOLDER_GAP.match(sentence, at).group()) + at if at >= 0 else -1


# ------------------------------------------------------------------------------------------------- names

_PLACE_ENDINGS = "山河湖溪江川桥村镇庄苑园城峰岭坡沟塘湾港洲岛水"
# (a closing quote starts a clause as a full stop does: ” 」 』, a straight one — " and ＂, folded to " — and ’:
# “…。”龙春花说, "…。"龙春花说; review r49)
_CLAUSE_START = re.compile(rf"(?:^|(?<=[。；;！!？?\n，,：:（(、\s”」』\"’]))(?=[{CJK}])")
_FUNCTION_CHARS = "于在的将把被已曾从到对向和与及等也是"
# a quotation's or a sentence's end, the speaker named right after it (“…。”黄显荣说, 楊天元說，…)
_QUOTE_CLOSE = re.compile("^|[”」』。！？!?\n]")
# 刘女士: only a surname, like 张某 (``honorifics.txt``; these where a folder has none)
# a part after a dot stops before a conjunction that a second dotted name follows (古丽娜尔·吐尔逊和马木提·艾海提: two
# names; 巴特尔·孟和 is one); at most five dotted parts (a run of them is read as several names: a name's length bounds
# the overlap look-ups of _Found, review45)
_DOT_NAME = re.compile(rf"[{CJK}]{{1,8}}(?:[·•・‧](?:(?![和与及][{CJK}]{{1,8}}[·•・‧])[{CJK}]){{1,8}}){{1,5}}")
_MASK_CHARS = ("某", "X", "x", "*", "×")
_CONJUNCTIONS = "和与及同跟"  # surnames too (和平), but 责任人和单位 joins two words
_NOT_NAME_TAGS = ("f", "s", "t", "d", "r", "m", "q", "p", "c", "u", "uj", "ul", "ud", "uz", "ug")  # jieba's tags
_PADDED1 = re.compile(rf"[ \u3000]{{1,3}}[{CJK}]")
_PADDED2 = re.compile(rf"[ \u3000]{{1,3}}[{CJK}][ \u3000]{{1,3}}[{CJK}]")
_PADDED_CLOSE = re.compile(r"[ \u3000]*(?:$|[，,。；;：:、（(）)\]】0-9A-Za-z+])")
_CELL_START = re.compile(rf"(?:^|(?<=[ \u3000\t|]))(?=[{CJK}])")
_CELL_GAP = re.compile(r"[ \u3000\t|]+")
# 投诉人(张 勇), 落款为“梁国栋”, 自称「陳志明」: a bracket or an opening quote before the name
_OPENERS = "(（“‘「『\"'"
_CONNECTOR = re.compile(rf"(?:是|叫|名叫|为)?[:：]?[ \t\u3000]{{0,3}}(?:[{_OPENERS}][ \t\u3000]{{0,2}})?")
# a party's role in brackets between his word and the colon (上诉人(原审原告):杨方, 被上诉人（一审被告）：…)
_ROLE_BRACKET = re.compile(r"[(（][^()（）\n]{2,8}[)）](?=[ \t\u3000]*[:：])")
_LIST_SEP = re.compile(r"、|和|与|及|以及|，|[ \u3000]{1,3}(?=\S{2,4}(?:[ \u3000]|$))")  # 签名：黄春燕 肖国庆 龙建新
_ADDRESS = ("同志",)  # a form of address, a post only for an official: 举报人雷锋同志 is a private person
_FUNCTION_TAGS = ("d", "r", "p", "c", "m", "q")  # jieba's adverbs, pronouns, prepositions, conjunctions, counts
_GROUP_NOT_NAME_TAGS = _NOT_NAME_TAGS + ("v", "vd", "vn", "ad")  # a word of two or more right after 群众 …
# a name alone in brackets right after a phone or an ID number: the number's holder (15973102846(涂光明))
# (or after an account and its bank: 6222…545（工行，邝美玲）)
_AFTER_NUMBER = re.compile(rf"[ \u3000]*[(（][ \u3000]*(?:[{CJK}]{{1,6}}[，,、][ \u3000]*)?([{CJK}]{{2,4}})[ \u3000]*[)）]")
_BRACKETED = re.compile(r"[ \u3000]*[(（]([^()（）]{1,24})[)）]")  # what a bracket right after a name holds
_DOCUMENT_YEAR = re.compile(r"[〔\[［]\s*(?:19|20)\d\d\s*[〕\]］]")  # 桂发〔2018〕13号: the issuer of a document number
_DOCUMENT_NUMBER = re.compile(rf"[{CJK}]{{0,3}}" + _DOCUMENT_YEAR.pattern)  # 楚环禄罚字〔2025〕: after an issuer's short name
_COUNTED = re.compile("[量率]")  # 举报量, 投诉率: a verb of complaint that heads a count
_SPLIT_TAGS = ("n", "ng", "m", "nr", "nrfg", "nrt", "zg", "q")  # a name's last character jieba reads alone (汪正 / 年)
_NARRATIVE_TAGS = ("d", "r", "t")  # jieba's adverbs, pronouns and times: a narrative goes on after a name
_COMMON_TAGS = ("n", "vn", "v", "a", "an")  # jieba's common nouns, verbs, adjectives: no proper name (ns, nz, nr…)
_PARTICLE_TAGS = ("ul", "uz", "ug", "y", "e")  # jieba's 了 着 过, modal particles, interjections: no name ends with one
_SET_PHRASE_TAGS = ("i", "l")  # jieba's idioms and set phrases (父母双亡): read whole, never a name's cue
_PROPER_NOT_PERSON = ("nz", "ns", "nt")  # jieba's other proper names: a trade name, a place, a body
_GLUE = frozenset(_FUNCTION_CHARS + "了家")  # what jieba glues to a name in a word it takes for a person (了晓峰)


_FIELD_CUT = re.compile(r"[；;][ \t\u3000]*$")  # a form's fields on one line: 举报人：王建国；举报电话：…
_NOTE = re.compile(r"[ \u3000]*[(（][ \u3000]*([^()（）\s]{1,4})[ \u3000]*[)）]")  # a bracket's word: （白）, （夜间）
_APPOSITION_REST = re.compile(rf"[{CJK}]{{0,4}}")  # what is left of a clause that only names someone: the name
_APPOSITION_NOISE = re.compile(r"[(（][^()（）]{0,12}[)）]|[\s\d\-—–:：]")  # its brackets, digits, colons and spaces


def _appositions(p: dict, tail: str) -> str:
    """``tail`` (the text after a line's number) with each clause after the number's own phrase that says a thing of
    its own blanked: kept, those that only name someone — one of ``p``'s ``private_tail`` words (联系人, 先生 …) and at
    most a name (…，联系人：王建国, …，王先生, …，手机同号, …，联系人王建国13812345678) — and those that begin with such a
    word and hold one of its ``private_after`` words, a contact with his request (…，联系人王建国请尽快处理, …，本人王建国
    反映: the writer's; review v53)."""
    parts = re.split(f"([{PHRASE_END.pattern[1:-1]}])", tail)
    words = sorted(p.get("private_tail", ()), key=len, reverse=True)

    def names_only(clause: str) -> bool:
        rest = _APPOSITION_NOISE.sub("", clause)
        if rest.startswith(tuple(words)) and any(w in rest for w in p.get("private_after", ())):
            return True
        rest = next((rest[len(w):] for w in words if rest.startswith(w)), rest)
        rest = next((rest[:-len(w)] for w in words if w and rest.endswith(w)), rest)
        return bool(_APPOSITION_REST.fullmatch(rest.lstrip("为是")))

    return "".join(x if n == 0 or n % 2 or names_only(x) else "\0" * len(x) for n, x in enumerate(parts))


def _sentence_start(p: dict, folded: str, pos: int, most: int = LINE_TAIL) -> int:
    """Where the sentence ``pos`` stands in starts (at most ``most`` before it), reaching over a semicolon that a
    line's word of ``p``'s ``public`` opens a form's field after (举报人：王建国；举报电话：…: one form's)."""
    a = max(0, pos - most)
    at = a + len(folded[a:pos]) - len(FORM_SENTENCE_END.split(folded[a:pos])[-1])
    if at > a and _FIELD_CUT.search(folded, a, at) and folded.startswith(tuple(p.get("public", ())), at):
        at = a + len(folded[a:at - 1]) - len(FORM_SENTENCE_END.split(folded[a:at - 1])[-1])
    return at


def _listed_after(folded: str, start: int, end: int, label: str, ends: dict[int, set], most: int = 40) -> bool:
    """Whether a match of ``label`` ends (``ends``: end → labels) at most ``most`` characters before ``start`` with
    only a list's separators between (0731-84561234、84561235; a look-back of ``most`` places, not of every match)."""
    return any(label in ends.get(e, ()) and _listed_gap(folded, e, start, end)
               for e in range(start - 1, max(-1, start - most - 1), -1))


def _listed_gap(folded: str, a: int, b: int, end: int) -> bool:
    """Whether ``folded[a:b]``, between a number ending at ``a`` and one from ``b`` to ``end``, is a list's gap: its
    separators, or a line break with the second number alone at its line's end."""
    return bool(_LISTED_GAP.fullmatch(folded, a, b) or (_LISTED_LINE.fullmatch(folded, a, b)
                                                         and _LINE_END.match(folded, end)))


def _glued(extra: str) -> bool:
    """Whether the characters a word jieba takes for a person adds to a name are glue only (了, 已与, 家)."""
    return all(c in _GLUE for c in extra)


# 这封信, 三封信: after a demonstrative or a numeral jieba reads alone comes a measure word, no name
_SURNAME_THEN = re.compile(r"[，,、 \u3000]+")  # 姓孟，孟凡军: what stands between a surname given and the name
_CLOSING_MARKS = "，,。；;！!？?\n"  # what closes a clause that is a name alone (…，向红英，)
_DEMONSTRATIVES = "这那哪每此"
_NUMERALS = "一二两三四五六七八九十几"
_POSITIONS = "边旁上下里内外前后"  # a place's side (塘边, 山前), a given name's first character too (前进, 后生)
_NOT_GIVEN = _FUNCTION_CHARS + _PLACE_ENDINGS + "".join(_MASK_CHARS) + _POSITIONS



class _Found(dict):
    """start → end of the names found so far in a text, asked which of them overlap a stretch by looking only at the
    starts within the longest name's reach of it: a text of n names costs n such questions, not n²."""

    longest = 1

    def __setitem__(self, start: int, end: int) -> None:
        self.longest = max(self.longest, end - start)
        super().__setitem__(start, end)

    def setdefault(self, start: int, end: int) -> int:
        if start not in self:
            self[start] = end
        return self[start]

    def overlapping(self, a: int, b: int) -> list[int]:
        """The starts of the names that overlap ``[a, b)``, in ascending order."""
        return [k for k in range(max(0, a - self.longest), b) if k in self and a < self[k]]

class NameRules:
    """Private persons' names.  ``lists`` maps each key of :data:`NAME_FILES` to its lines; ``landmarks`` are
    landmark endings (李家大道, 华旭家园), ``is_place(name, towns)`` tells a city's or county's name (常德, 平武),
    or with ``towns`` a town's too (常平: 常平镇); ``is_word(word)`` whether a word is one of the segmenter's
    dictionary (久居 is, 久买 is not: without it, every word is)."""

    def __init__(self, lists: dict[str, list[str]], landmarks=(), is_place=None, is_word=None):
        self.lists = {k: list(v) for k, v in lists.items()}
        self.landmarks = _by_length(landmarks)
        self.is_place = is_place or (lambda name, towns=True: False)
        self.is_word = is_word or (lambda word: True)
        g = self.lists.get
        self.transliterated = frozenset("".join(g("transliterated", [])).replace(" ", ""))
        self.dot_heads = _by_length(g("dot_heads", []))  # 阿不都 of 阿不都拉: a middle-dot name's last part goes on
        self.appointed = _by_length(g("appointed", []))  # 王建国任镇长: the post after it is his
        # 有限, 公司 …: a firm's word at most so many characters after a name makes the name the firm's (firm_words.txt)
        self.firm_words = tuple(_firm_word(line) for line in g("firm_words", []))
        self.surnames = frozenset(g("surnames", []))
        self.compound = frozenset(s for s in self.surnames if len(s) == 2)
        self.given = frozenset("".join(g("given", [])).replace(" ", ""))
        self.context = _by_length(g("context", []) + g("roles", []))
        self.context_re = re.compile("(?:" + "|".join(map(re.escape, self.context)) + ")")
        # 诫勉, 警告 …: after a name in an accountability sentence; a line "+问责" only after a giver (对陈立新问责), no
        # word that follows names elsewhere (责任人严肃问责: 严肃 no name)
        self.discipline = _by_length(w.lstrip("+") for w in g("discipline", []))
        self.follow = _by_length(g("follow", []) + [w for w in g("discipline", []) if not w.startswith("+")])
        self.follow_long = tuple(w for w in self.follow if len(w) > 1)
        # a post only after the name (馮安龍專員; 客服专员李四 is a firm's employee, a private person): lines "+专员"
        self.titles = _by_length(t for t in g("titles", []) if not t.startswith("+"))
        self._after_only = _by_length(t[1:] for t in g("titles", []) if t.startswith("+"))
        self.titles_after = _by_length(self.titles + self._after_only)
        self._photo_marks = tuple(t for t in self.titles_after if "摄" in t)  # 王玮 摄: a photo's credit, a space between
        self._titles_re = re.compile("|".join(map(re.escape, self.titles))) if self.titles else None
        self._titles_max = max(map(len, self.titles), default=0)
        self._titles_bracket = tuple(t + "(" for t in self.titles)  # 局长(…: a post with its bracket opened
        self._longer = {}  # a length → the posts longer than it (促进会会长 before 会长), made once
        self.place_after = frozenset(g("place_after", []))
        self.not_names = frozenset(g("not_names", []))
        self.subject_not_next = frozenset(g("subject_not_next", []))  # (see _subject_next)
        self.surname_prepositions = frozenset(g("surname_prepositions", []))  # 于 / 文兵: a surname read as a preposition
        self.glue_before = frozenset(g("glue_before", []))  # 据林国良, 据于 / 建华: a preposition glued to a surname
        self.subject_verbs = _by_length(g("subject_verbs", []))
        self.says = _by_length(g("subject_verbs", []) + ["称", "说"])  # what a complainant does after his name
        self._says_long = tuple(w for w in self.says if len(w) > 1)  # 举报, 反映 …: no firm's name holds one
        self.speaks = _by_length(self.says + ("表示",))  # …, or any person (东升表示满意)
        self.discharge = _by_length(g("discharge", []))
        self.minority = frozenset(w for line in g("minority", []) for w in line.split())
        self.minority_max = max(map(len, self.minority), default=0)
        self.minority_heads = frozenset(w[:2] for w in self.minority if len(w) >= 2)
        premises = "".join(map(re.escape, (w for w in g("premises", []) if len(w) == 1)))
        self.premise_chars = frozenset(w for w in g("premises", []) if len(w) == 1)
        self.businesses = _by_length(w for w in g("premises", []) if len(w) > 1)
        self._premises_re = re.compile(rf"[{CJK}]{{1,2}}[{premises}](?=的|[^{CJK}]|$)") if premises else None
        cues = [w.lstrip("*") for w in g("possession", []) if not w.startswith(("+", "^"))]
        self._cue_re = re.compile("(?:" + "|".join(cues) + ")") if cues else None
        owners = [w[1:] for w in g("possession", []) if w.startswith("*")]  # 家的, 之子 …: a home's or a kin's
        self._owner_cue_re = re.compile("(?:" + "|".join(owners) + ")") if owners else None
        keepers = [w[1:] for w in g("possession", []) if w.startswith("+")]  # 养鸡场 …: a farm named by its keeper
        self._keeper_cue_re = re.compile("(?:" + "|".join(keepers) + ")") if keepers else None
        self.keeper_units = frozenset(w[1:] for w in g("possession", []) if w.startswith("^"))  # 组, 村: the keeper's place
        marks = "|".join(map(re.escape, _by_length(g("nationality", []))))  # 族: 蒙古族, 彝族
        self._nationality_re = re.compile(rf"[{CJK}]{{1,4}}(?:{marks})") if marks else None
        # 哈斯额尔敦（蒙古族）: a person's nationality in brackets after the name
        self._ethnic_re = re.compile(rf"[(（][{CJK}]{{1,4}}(?:{marks})[)）]") if marks else None
        givers = "|".join(map(re.escape, _by_length(g("givers", []))))  # 给予: what gives a discipline
        self._givers_re = re.compile(givers) if givers else None
        self.honorifics = _by_length(g("honorifics", []))
        self._ends_words = self.follow + self.context + self.titles_after + self.honorifics
        self.groups = frozenset(g("groups", []))
        self.group_adverbs = _by_length(g("group_adverbs", []))
        self.group_belongings = _by_length(g("group_belongings", []))
        self.contact = _by_length(g("contact", []))
        self._contact_long = tuple(w for w in self.contact if len(w) > 1)
        units = "|".join(map(re.escape, _by_length(g("village_groups", []))))
        words = g("village_group_words", [])
        tails = "|".join(map(re.escape, _by_length(w[1:] for w in words if w.startswith("+"))))
        leads = "|".join(map(re.escape, _by_length(w[:-1] for w in words if w.endswith("+") and len(w) > 1)))
        # not after a body's word (执法二队队长: an enforcement team's head is an official): lines starting "!"
        bodies = "".join(f"(?<!{re.escape(w[1:])})" for w in words if w.startswith("!") and len(w) > 1)
        group = rf"(?:[{CJK}]{{1,6}}村)?{bodies}第?[0-9０-９零〇一二三四五六七八九十]+(?:{units})"  # 5组, 龙泉村第2组
        self._village_group_re = re.compile(  # 汤细毛（5组）, 李伟(龙泉村第2组), 汤细毛（均为5组村民）
            rf"[(（][ \u3000]*(?:{leads or '(?!)'})?{group}(?:{tails or '(?!)'})?[ \u3000]*[)）,，、]") \
            if units else None
        # 5组汤细毛、3组邓梅英反映, 5组组长彭建军称: a name right after a group, or after a villager's standing in it
        self._after_group_re = re.compile(rf"{group}(?:{tails})?" if tails else group) if units else None
        self._group_tails = _by_length(w[1:] for w in words if w.startswith("+"))
        # 5组组长, 三组小组长: the head of a village group, a villager; his 组长 is no official's post
        self._group_head_re = re.compile(rf"{group}(?:{tails})[ \u3000]*[:：]?[ \u3000]*$") if units and tails else None
        # 村民小组长: a word for a private person that ends with a post (组长), the longer word the one read
        self._private_posts = tuple(w for w in self.context if any(w.endswith(t) and w != t for t in self.titles))
        self.ask = _by_length(g("ask", []))
        # 由王建国负责: the one who does it, after 由 the preposition; an adverb between (由王建国具体负责, 一人看守)
        self.agent = _by_length(g("agent", []) + [a + v for a in g("agent_adverbs", []) for v in g("agent", [])])
        self.naming = frozenset(g("naming", []))  # 我叫, 名叫, 姓名 …: the name after one is a person's, a place's too
        copulas = "|".join(map(re.escape, _by_length(g("copulas", []))))
        complainants = "|".join(map(re.escape, (w for w in self.context if w.endswith(("人", "者")))))
        self._described_re = re.compile(f"(?:{complainants})(?:{copulas})") if copulas and complainants else None
        self._ends_words = self._ends_words + tuple(g("copulas", []))  # 举报人周长林系某协会会长: a name ends before 系
        self._copulas = tuple(g("copulas", []))
        self.findings = _by_length(g("findings", []))
        closers = g("list_closers", [])
        self._closer_re = re.compile("(?:" + "|".join(closers) + ")") if closers else None
        self._ends_long = tuple(w for w in self._ends_words if len(w) > 1)
        leaders = g("leaders_after", [])  # …、李巍、熊燕翔等县领导参加: the list's names are officials
        self._complainant_words = tuple(w for w in self.context if w.endswith(("人", "者")))  # 举报人, 来电人 …
        self.bylines = _by_length(g("bylines", []))  # 本报记者廉伟 赵娜: only these posts lead a list with spaces
        self.staff_posts = _by_length(g("staff_posts", []))  # 设计丨王小明, 实习生 李文艺: a post only in a byline
        self.openers = _by_length(g("openers", []))  # 关于蔡国华举报: a complaint's subject after one
        self._opener_re = re.compile("|".join(map(re.escape, self.openers))) if self.openers else None
        self.pronouns = tuple(g("pronouns", []))  # 石玉兰：你于…反映: a letter's addressee
        self.married = tuple(g("married", []))  # 王李氏: a married woman's name
        self.deputy_marks = frozenset(g("deputy_marks", []))  # 、，和及: between a head and his deputy
        self.list_marks = frozenset(g("list_marks", []))  # 、和与及: between the names of a list
        # what ends a list's item (王永安、, 王永安所述, 王永安联名反映)
        self._item_ends = _by_length([*self.list_marks, *self.speaks, *self.group_adverbs])
        # a line's or a cell's start, a numbered row's first cell, a chat speaker's line (``layout_patterns.txt``)
        layout = dict(line.split("\t", 1) for line in g("layout", []) if "\t" in line)
        self._row_start, self._numbered_row, self._speaker_line, self._appositive = (
            re.compile(layout[k].replace("{CJK}", CJK) if k in layout else "(?!)")
            for k in ("row_start", "numbered_row", "speaker_line", "appositive"))
        self.byline_marks = " \u3000" + "".join(g("byline_marks", []))  # 記者|鄭東巖, 摄影_李志雄, 文 / 吴丽玮
        self.glue_after = frozenset(g("glue_after", []))  # 干昌友家 / 在: the home jieba glued to a full name
        self.glue_word = frozenset(g("glue_word", []))  # 潘景贤来 / 报社: a word jieba glued to a full name
        self.name_heads = frozenset(g("minority_heads", []))  # 岩, 玉: a Dai name's first character (岩应, 玉罕)
        self.nickname_marks = frozenset(g("nicknames", []))  # 王二麻子: between a surname and the rest of a nickname
        signs = "|".join(map(re.escape, _by_length(g("signatures", []))))  # ——住在厂后面的龙春花: a message's signature
        self._signature_re = re.compile(rf"(?:{signs})([^\n。！!？?——]{{2,30}}?)[ \u3000。.!！]*$") if signs else None
        sexes = _by_length(w for w in g("person_brackets", []) if not w.startswith("N"))
        ages = _by_length(w[1:] for w in g("person_brackets", []) if w.startswith("N"))
        person = ([f"(?:{'|'.join(map(re.escape, sexes))})(?:[，,、 ]|$)"] if sexes else []) \
            + ([f"[0-9〇零一二三四五六七八九十]+(?:{'|'.join(map(re.escape, ages))})"] if ages else [])
        self._person_bracket_re = re.compile("(?:" + "|".join(person) + ")") if person else None
        cues = g("person_cues", [])  # 40岁的陈爱华, 赵清芝听到: a private person in a narrative (person_cues.txt)
        self.person_after = _by_length([w for w in cues if not w.startswith("<")] + list(self.says))  # and 说, 称 …
        before = "|".join(re.escape(w[1:]).replace("N", "[0-9〇零一二三四五六七八九十百]+")
                          for w in _by_length(w for w in cues if w.startswith("<")))
        before = "|".join(filter(None, [before] + [re.escape(w) for w in _by_length(self.naming)]))  # 名叫, 叫 …
        self._person_before_re = re.compile(f"(?:{before})$") if before else None
        self._leaders_after_re = re.compile(rf"(?:[、，,][{CJK}]{{2,4}}){{0,12}}(?:" + "|".join(leaders) + ")") \
            if leaders else None
        # 由东方负责 stays: what jieba reads the one after 由 as when it is no one (a side, a count, a body …)
        self.agent_not_tags = tuple(t for line in g("agent_not_tags", []) for t in line.split())
        # a surname and one or two characters no cue stands beside, scored (namemodel.py; name_model.tsv)
        self._model_not_after = _by_length(list(self.honorifics) + list(self.titles_after) + list(self.context)
                                           + list(self.married))
        self.model = NameModel(g("name_stats", []), g("name_model", []), self.is_word, self.subject_not_next) \
            if g("name_stats") and g("name_model") else None

    @classmethod
    def from_dir(cls, path, landmarks=(), is_place=None, is_word=None) -> "NameRules":
        path = Path(path)
        lists = {k: _read_lines(path / f) for k, f in NAME_FILES.items() if (path / f).is_file()}
        if (path / "landmark_suffixes.txt").is_file():
            landmarks = _read_lines(path / "landmark_suffixes.txt")
        return cls(lists, landmarks, is_place, is_word)

    def to_dir(self, path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for key, fname in NAME_FILES.items():
            if key in self.lists:
                (path / fname).write_text("".join(w + "\n" for w in self.lists[key]), encoding="utf-8")
        (path / "landmark_suffixes.txt").write_text("".join(w + "\n" for w in self.landmarks), encoding="utf-8")

    @staticmethod
    def copy_files(src, dst) -> None:
        """Copy the data files of a folder (for a component saved from the shipped data)."""
        for fname in list(NAME_FILES.values()) + [PATTERN_FILE]:
            if (Path(src) / fname).is_file():
                shutil.copyfile(Path(src) / fname, Path(dst) / fname)

    # ------------------------------------------------------------------------------------------ pieces
    def _surname_len(self, text: str, pos: int) -> int:
        if text[pos:pos + 2] in self.compound:
            return 2
        return 1 if text[pos:pos + 1] in self.surnames else 0

    def _ends(self, text: str, pos: int, starts=frozenset()) -> bool:
        """Whether a name can end at ``pos``: the end, a non-Chinese character, a word that follows names, or
        (``starts``: where jieba starts a word of two characters or more) a word boundary."""
        return pos >= len(text) or not _CJK.match(text[pos]) or text.startswith(self._ends_words, pos) \
            or pos in starts

    def _dot_end(self, text: str, end: int, starts=frozenset(), exact=None) -> int:
        """The end of a middle-dot name whose last part the regex ran on (热依拉·艾买提反映… → 艾买提)."""
        last = max(text.rfind(d, 0, end) for d in "·•・‧") + 1
        floor = self._dot_floor(text, last, end, exact or {})
        # 帕丽达·阿不都反映, 帕丽达·阿不都热合曼反映: a word of two after it first (不 is one), a last part of up to
        # seven characters; 买买提·艾力牧场的: not a place of business after it (``premises.txt``)
        # (巴特尔·孟和称, 乌力吉·那顺于5日内: not a verb of saying nor a function word's character after it; 和 and the
        # other conjunctions end Mongolian names: 孟和)
        for e in range(max(last + 2, floor), min(end, last + 7) + 1):
            if e == len(text) or not _CJK.match(text[e]) or text.startswith(self._ends_long, e) \
                    or (self._premises_re and self._premises_re.match(text, e)) or text.startswith(self.says, e) \
                    or text.startswith(self.businesses, e) \
                    or (text[e] in _FUNCTION_CHARS and text[e] not in _CONJUNCTIONS) or self._cut_after_one(text, e) \
                    or text[e] in self.glue_after \
                    or (exact and text[e] in _CONJUNCTIONS and any(
                        exact.get((e + 1, e + 1 + k), "").startswith("n") for k in (2, 3))) \
                    or text.startswith(self.person_after, e) \
                    or (exact and any(exact.get((e, e + k), "") in _NARRATIVE_TAGS and text[e:e + k] not in self.minority
                                      for k in (1, 2))) \
                    or (exact and any(exact.get((e, e + k), "") in ("n", "vn", "an") and text[e:e + k] not in self.minority
                                      and not any(text.startswith(self.says, j) for j in range(e + 1, e + k))
                                      for k in (2, 3, 4))):
                # (…·喀吾孜家不远: the home; …·朱马和牧业点: a conjunction before a noun; …·喀斯木每天, …·亚森正熟练,
                # …·艾海提回忆: an adverb, a pronoun or a time jieba reads, or a private person's cue, person_cues.txt —
                # not a verb, 阿不都 / 热合 / 曼反映)
                # (巴特尔·孟和和妻子: a conjunction before a context word; 告知巴特尔·孟和处理结果: a noun jieba reads —
                # not a verb, which jieba glues to the name's last character: 热合 / 曼称, nor a "noun" it glues so
                # from the last character and a verb of saying: 阿里 / 木称)
                return e
        for e in range(max(last + 1, floor), end + 1):
            if self._ends(text, e, starts) and (e == end or text.startswith(self._ends_words, e)
                                                or not _CJK.match(text[e]) or e == floor > last + 1):
                return e
        return end

    def _dot_floor(self, text: str, last: int, end: int, exact: dict) -> int:
        """Where a middle-dot name's last part (at ``last``) can end first: after a head of a longer given name
        (``dot_name_heads.txt``: 阿不都) and the transliteration characters after it, not into a word jieba reads of
        two or more with another character (阿不都拉倾倒, 阿不都瓦依提反映, 阿不都合作社: 合作 stops it); ``last`` with none."""
        head = next((h for h in self.dot_heads if text.startswith(h, last)), None)
        if head is None:
            return last
        k = last + len(head)
        while k < min(end, last + 7) and text[k] in self.transliterated and not any(
                (k, k + n) in exact and not all(c in self.transliterated for c in text[k:k + n]) for n in (2, 3, 4)):
            k += 1
        return k

    def _dot_words(self, text: str, a: int, dot: int, exact: dict, word_at: dict) -> bool:
        """Whether both sides of a middle dot are words of the dictionary, no name (时政·经济, 文化·旅游: a page's
        section): the first part one word jieba reads as a common noun, verb or adjective, the word after the dot
        too, each of two characters or more, neither a minority name's element (买买提·艾力, 阿不都热依木·买买提 are
        names)."""
        first, (end, tag) = text[a:dot], word_at.get(dot + 1, (dot + 1, "nr"))
        after = text[dot + 1:end]
        return exact.get((a, dot)) in _COMMON_TAGS and tag in _COMMON_TAGS and len(first) >= 2 and len(after) >= 2 \
            and first not in self.minority and after not in self.minority

    def _dot_place_part(self, text: str, a: int, b: int, piece_at: dict) -> bool:
        """Whether a part of the middle-dot run ``text[a:b]`` is a place's name and words of the dictionary (青海 / 新闻网,
        大美 / 青海, 和 / 美 / 东至: a site's or a slogan's, no person's): jieba's pieces (``piece_at``: start → (end,
        tag)) tile the part, the first or the last is a place jieba reads (ns) and the gazetteer knows, and none is a
        person's (nr…) or a side (f).  A place inside a name's part is none (玉山 / 江, 玉山 / 古丽: 玉山江, a Uyghur
        name; 艾 / 山南 / 边, 艾力 / 江南 / 边: a name's last syllable and the side after it)."""
        parts, start = [], a
        for k in range(a, b + 1):
            if k == b or text[k] in "·•・‧":
                parts.append((start, k))
                start = k + 1
        for p, q in parts:
            pieces, at = [], p
            while at < q and at in piece_at and piece_at[at][0] <= q:
                pieces.append((at, *piece_at[at]))
                at = piece_at[at][0]
            if at != q or not pieces or any(t.startswith("nr") or t == "f" for _, _, t in pieces):
                continue
            if any(t == "ns" and e - s >= 2 and self.is_place(text[s:e], False)
                   for s, e, t in (pieces[0], pieces[-1])):
                return True
        return False

    def _dot_person_part(self, text: str, a: int, b: int, piece_at: dict) -> bool:
        """Whether a part of the middle-dot run ``text[a:b]`` is one word jieba reads as a person's and no place the
        gazetteer knows (吐尔逊 of 吐尔逊·和田, 阿不都 of 阿不都·喀什): the run is a name though another whole part is a
        place's (和田, 喀什: Uyghur given names are often places' too); not where a part is a place and words of the
        dictionary (青海新闻网·大美青: a site's name, :meth:`_dot_place_part`)."""
        start = a
        for k in range(a, b + 1):
            if k == b or text[k] in "·•・‧":
                end, tag = piece_at.get(start, (start, ""))
                if end == k and k - start >= 2 and tag.startswith("nr") and not self.is_place(text[start:k], False):
                    return True
                start = k + 1
        return False

    def _dot_start(self, text: str, start: int, first_end: int, piece_at: dict | None = None) -> int:
        """The start of a middle-dot name found anywhere: after the last context word, function character or
        verb of discharge inside its first part (投诉人热依拉·… → 热依拉); not a function character that begins a place's
        name jieba reads as one word (``piece_at``: 和田·墨玉县 — 和 is no conjunction there)."""
        best = start
        # (a context word may begin before the regex's eight characters: 来电人阿卜杜热合曼·… → 阿卜杜热合曼)
        for m in self.context_re.finditer(text, max(0, start - max(map(len, self.context), default=0)), first_end):
            if m.end() > start:
                best = max(best, m.end())
        for verb in self._contact_long:  # 已电话告知巴特尔·… → 巴特尔
            at = text.rfind(verb, start, first_end)
            if at != -1 and at + len(verb) < first_end:
                best = max(best, at + len(verb))
        # 村主任买买提·… → 买买提: a post before the name is none of it (then read as a post)
        for m in self._titles_re.finditer(text, max(0, start - self._titles_max + 1), first_end) if self.titles else ():
            if start < m.end() < first_end:
                best = max(best, m.end())
        k = best
        while k < first_end:
            end = (piece_at or {}).get(k, (k, ""))[0]
            if end - k >= 2 and self.is_place(text[k:end], False):
                k = end  # (和田: a place's name, its 和 no function character)
                continue
            if text[k] in _FUNCTION_CHARS:
                best = k + 1
            k += 1
        return best if first_end - best >= 1 else start

    def _minority_at(self, text: str, pos: int, starts) -> int | None:
        """The end of a name made of one to three Tibetan or Mongolian name elements at ``pos``."""
        if not self.minority or text[pos:pos + 2] not in self.minority_heads:
            return None
        best = None
        frontier = [(pos, 0)]
        while frontier:
            at, n = frontier.pop()
            if n and self._ends(text, at, starts) and (best is None or at > best):
                best = at
            if n == 3:
                continue
            for size in range(min(self.minority_max, len(text) - at), 0 if n else 1, -1):
                if text[at:at + size] in self.minority:
                    frontier.append((at + size, n + 1))
        return best

    def _people_name_at(self, text: str, pos: int, starts, exact: dict) -> int | None:
        """The end of a Tibetan or Mongolian name of name elements at ``pos`` (:meth:`_minority_at`), or of a Dai name
        jieba cuts apart before a verb of saying, 表示 or a list mark (岩温扁表示, 岩温扁、…: :meth:`_before_saying`)."""
        end = self._minority_at(text, pos, starts)
        if end is None and text[pos:pos + 1] in self.name_heads:
            got = self._before_saying(text, pos, exact, self.speaks)
            end = got[1] if got else None
        return end

    def _name_at(self, text: str, pos: int, starts=frozenset(), exact=None) -> tuple[int, int] | None:
        """A name starting at ``pos`` after a context word: a surname and a one- or two-character given name,
        read character by character (jieba often glues the name to its neighbours: 人林晓燕, 人马 国庆), a name
        with a middle dot, or a name of minority name elements.  With ``exact`` (jieba's (start, end) → tag), a
        given name whose first character is a function word's is one before a verb of saying (:meth:`_function_given`)."""
        dot = _DOT_NAME.match(text, pos)
        if dot and dot.end() - pos >= 4:
            return pos, self._dot_end(text, dot.end(), starts, exact)
        minority = self._minority_at(text, pos, starts)
        sl = self._surname_len(text, pos)
        got = None
        if sl:
            g = pos + sl
            padded = self._padded_end(text, g)
            if padded:
                return pos, padded
            if text[g:g + 1] in _MASK_CHARS or text.startswith(self.honorifics, g):
                return None  # 张某, 李X, 刘女士: masked
            if text[g:g + 1] in _FUNCTION_CHARS and exact is not None and self._function_given(text, pos, g, exact):
                return pos, g + 2  # 来电人王和平反映, 来电人刘向阳反映
            if text[g:g + 1] in _FUNCTION_CHARS or text.startswith(self.follow_long, g):
                return None if minority is None else (pos, minority)  # 投诉人曾于11月5日…: no given name
            ok = {gl: len(text[g:g + gl]) == gl and all(_CJK.match(c) for c in text[g:g + gl])
                  and self._ends(text, g + gl, starts) for gl in (1, 2)}
            if ok[1] and ok[2] and self._cut_after_one(text, g + 1):
                got = (pos, g + 1)  # 唐明和弟弟…, 龚伟家的养鸡场: the second character starts what follows
            elif ok[2] and (text[g + 1] in self.given or not ok[1]):
                got = (pos, g + 2)
            elif ok[1]:
                got = (pos, g + 1)
            elif len(text) >= g + 2 and all(c in self.given for c in text[g:g + 2]):
                got = (pos, g + 2)
            if got and exact is not None and exact.get((pos, g)) == "d" and exact.get((g, got[1]), "").startswith("v"):
                got = None  # 村民都说，…, 都说道: jieba reads an adverb (都) and a verb (说) — no surname and given name
        if minority is not None and (got is None or minority > got[1]):
            return pos, minority
        return got

    def _function_given(self, text: str, pos: int, g: int, exact: dict) -> bool:
        """Whether the two characters at ``g`` after a surname at ``pos`` are a given name though the first is a
        function word's (和平, 向阳, 向东: 来电人王和平反映, 来电人刘向阳反映): right before a verb of saying, the second
        a given name's character, and jieba reads them as one word that is no function word (和平 nz, 向东 nr) or the
        whole as a person (刘向阳 nr) — not 业主李和王反映 (和 / 王), 群众王在家反映 (在家: a pronoun)."""
        end = g + 2
        if len(text) < end or text[g + 1] not in self.given or not text.startswith(self.says + ("本人",), end):
            return False
        word, whole = exact.get((g, end)), exact.get((pos, end), "")
        # a word of time is a given name there too (村民邹向前称: 向前 t): no time word starts with a function
        # character and comes between a surname and 称 in a sentence that reads
        return whole.startswith("nr") or (word is not None and (word == "t" or word not in _GROUP_NOT_NAME_TAGS))

    def _padded_end(self, text: str, g: int) -> int | None:
        """The end of a name whose characters a table spaces apart (王　伟 padded to a three-character name's width,
        谢 国 华): one or two given characters, each after one to three spaces and each a given name's character
        (``given_name_chars.txt``), not an honorific (王 先 生), the name then closed by the end, a punctuation
        mark, a number or a word that follows names (反映), spaces between (黄 河 边, 李 家 湾 are spaced text, not
        names)."""
        for m in (_PADDED2.match(text, g), _PADDED1.match(text, g)):
            if not m:
                continue
            given = "".join(m.group().split())
            listed = all(c in self.given for c in given) or (  # 周　杰　伦: one listed, none a place's or a word's
                len(given) == 2 and any(c in self.given for c in given) and not any(c in _NOT_GIVEN for c in given))
            if listed and given not in self.titles and not given.startswith(tuple(h[:len(given)] for h in
                                                                                   self.honorifics)) \
                    and (_PADDED_CLOSE.match(text, m.end())
                         or text[m.end():m.end() + 8].lstrip(" \u3000").startswith(self.follow_long)):
                return m.end()
        return None

    def _word_not_name(self, span: tuple[int, int], exact: dict) -> bool:
        """Whether jieba reads ``span`` as ordinary words: one word that is not a name (房屋), a surname jieba
        takes for a preposition or a conjunction (养殖户向…), or a given name that is a word of place, time or
        manner (向近岸)."""
        a, b = span
        whole = exact.get(span)
        if whole is not None and not whole.startswith("nr"):
            return True
        if exact.get((a, a + 1), "") in ("p", "c", "d", "u", "uj", "ul", "r"):
            return True
        # (被告人尹友才夜里…: jieba reads 尹友 as a person and 才 as an adverb — a person's word before it is a name)
        return any(exact.get((g, b), "") in ("s", "f", "t", "d", "r", "m", "q", "p")
                   and not exact.get((a, g), "").startswith("nr") for g in (a + 1, a + 2))

    def _compound_head(self, text: str, got: tuple[int, int], word_at: dict) -> bool:
        """Whether the word jieba reads at a name's start is a compound surname and the rest given-name characters
        (养殖户东方明亮介绍: 东方 a side to jieba, 明亮 a given name)."""
        head = word_at.get(got[0])
        return head is not None and text[got[0]:head[0]] in self.compound and head[0] < got[1] \
            and all(c in self.given for c in text[head[0]:got[1]])

    def _ordinal_head(self, text: str, a: int, b: int, exact: dict, word_at: dict) -> bool:
        """Whether a name's compound surname is an ordinal's head jieba reads as a count (第五: 第五条, 第五次, 第五中学)
        and what follows it is no given name: a name with it (第五红梅, 第五建国) only when jieba reads the given part as
        one word that is a person's or another proper name (nr, ns, nz), of given-name characters."""
        if word_at.get(a, (0, ""))[1] != "m":
            return False
        tag = exact.get((a + 2, b), "")
        return not (tag.startswith(("nr", "ns", "nz")) and all(c in self.given for c in text[a + 2:b]))

    def _cut_after_one(self, text: str, pos: int) -> bool:
        """Whether ``pos`` starts a cue of possession (家的) or a conjunction before a context word (和弟弟)."""
        if self._cue_re and self._cue_re.match(text, pos):
            return True
        return text[pos:pos + 1] in _CONJUNCTIONS and bool(self.context_re.match(text, pos + 1))

    def _possession_names(self, text: str, tagged, exact: dict) -> list[tuple[int, int]]:
        """Names before a cue of possession (赵福来开的养猪场, 孙有财家的鱼塘, 村东头王长贵的石料厂); ``exact`` maps
        each token's (start, end) to its tag."""
        out = []
        inside_words = None  # the places inside a word of two or more characters jieba reads as no person's
        cues = [(m.start(), False) for m in self._cue_re.finditer(text)] if self._cue_re else []
        # (a farm's word after its keeper's name, read apart: 投诉的王萍养鸡场 is no 的…场 cue of the name before 的)
        cues += [(m.start(), True) for m in self._keeper_cue_re.finditer(text)] if self._keeper_cue_re else []
        for cue, keeper in sorted(cues):
            for size in (4, 3, 2):  # the longest name that ends at the cue
                a = cue - size
                if a < 0:
                    continue
                name = text[a:cue]
                sl = self._surname_len(name, 0)
                if not sl or len(name) - sl not in (1, 2) or not all(_CJK.match(c) for c in name):
                    continue
                given = name[sl:]
                if any(c in _FUNCTION_CHARS or c in "家厂村们某他她它我你您" for c in given) or given[-1] in _NOT_GIVEN \
                        or not any(c in self.given for c in given):
                    continue  # 涪江河边的, 很高烟囱的, 原本他的 (a pronoun): not a given name
                if keeper and not (text[a - 1:a] in self.keeper_units or (
                        len(given) == 2 and all(c in self.given for c in given)
                        and (a == 0 or text[a - 1] == "的" or not _CJK.match(text[a - 1])))):
                    continue  # 下桥组王萍养鸡场, 督办整改的竹志康养鸡场; a firm's name stays (县龙腾养殖场, 的金鑫养殖场)
                if keeper and any(exact.get((a, e), "") in _PROPER_NOT_PERSON for e in range(a + sl + 1, cue + 1)):
                    continue  # 金丰 / 源养殖场: a trade name or a place jieba reads from the surname on
                tag = exact.get((a, cue))
                if tag is not None and not tag.startswith("nr"):
                    continue  # 公司的, 化工厂的: a word of the dictionary, not a name
                if exact.get((a, a + 1), "") in ("p", "c") and size > 2:
                    continue  # 由王刚经营的: 由 a preposition jieba reads alone, not a surname
                if inside_words is None:  # once a text, not once a cue: a text of n cues costs n, not n²
                    inside_words = {k for w, t, s in tagged if len(w) > 1 and not t.startswith("nr")
                                    for k in range(s + 1, s + len(w))}
                if a in inside_words:
                    continue  # starts inside a word (大路口修建的)
                out.append((a, cue))
                break
        return out

    def _transliterated_name(self, text: str, pos: int, exact: dict) -> tuple[int, int] | None:
        """Right after a person's word, a Tibetan or Uyghur name of two syllables no list holds (牧民久買说, 村民热依说):
        two characters that write such names' syllables (``transliteration_chars.txt``) and are no word of the
        dictionary, before a verb of saying, neither jieba's piece there a function word's, a side's or a time's.
        A word (牧民久居此地, 村民闻声说) or a verb (牧民南迁: 迁 writes no name's syllable) is none."""
        end = pos + 2
        name = text[pos:end]
        if len(name) < 2 or not text.startswith(self.says, end) or not all(c in self.transliterated for c in name) \
                or name in self.not_names or self.is_word(name):
            return None
        if any(exact.get((k, k + n), "") in _NOT_NAME_TAGS for k in (pos, pos + 1) for n in (1, 2)):
            return None  # (村民都拉着说: a function word jieba reads there)
        return pos, end

    def _speaks(self, text: str, pos: int, word_at: dict) -> bool:
        """Whether the word at ``pos`` (after 群众, 村民 …) is a person who speaks: jieba reads a person, of a
        surname or none and given-name characters (``given_name_chars.txt``), then a verb of saying (文明反映)."""
        end, tag = word_at.get(pos, (pos, ""))
        name = text[pos:end]
        given = name[self._surname_len(name, 0):]
        # 村民建华反映: a given name of two jieba reads as another proper name or a place (nz, ns; 建华 a district's
        # name too), not a listed false friend (村民长江反映)
        return (tag.startswith("nr") or (tag in ("nz", "ns") and len(name) == 2 and given == name
                                         and name not in self.not_names)) \
            and 2 <= len(name) <= 4 and 1 <= len(given) <= 2 \
            and all(c in self.given for c in given) and text.startswith(self.says, end)

    def _village_group_names(self, text: str, exact: dict, tagged=()) -> list[tuple[int, int]]:
        """Names right before a bracket that gives a village group (名单 彭德怀（1组） 汤细毛（5组）:
        ``village_groups.txt``): a surname and one or two characters standing alone (at the start, after a space
        or a punctuation mark) — not a function word nor a mask in them, not a place's side at their end (塘边),
        not 家 first (李家, 何家: hamlets), no place's ending that is no given name's character (石桥, 黄泥塘; 李江,
        王玉山 are names), and not one word of the dictionary other than a person (``exact``, jieba's (start, end) →
        tag: 农田, 高桥)."""
        if not self._village_group_re:
            return []
        out = []
        for m in self._village_group_re.finditer(text):
            for size in (2, 3, 4):  # the one that stands alone
                a = m.start() - size
                name = text[max(a, 0):m.start()]
                sl = self._surname_len(name, 0)
                given = name[sl:]
                if a >= 0 and sl and len(given) in (1, 2) and all(_CJK.match(c) for c in name) \
                        and (a == 0 or not _CJK.match(text[a - 1])):
                    if self._villager_like(text, a, m.start(), exact):
                        out.append((a, m.start()))
                        if text[a - 1:a] == "、":  # 汤细毛、邓梅英（均为5组）
                            out += self._items_before(text, a - 1, exact, self._villager_like)
                    break
        # a name right after a group or a villager's standing in it (5组汤细毛、3组邓梅英反映, 龙泉村2组李伟称, 5组组长
        # 彭建军称), then a list mark or a verb of saying (not the verb's first character: 王伟称，is 王伟),
        # ending where jieba ends a word, and not inside one word with the group (第3组成员称: 组成员; 3队伍长称: 长称)
        # unless jieba reads a person in it (组李伟称)
        # after a villager's standing (5组组长罗国庆陪同…) it may end where jieba starts a word, before any verb
        groups = list(self._after_group_re.finditer(text))
        if not groups:
            return out
        over: dict[int, list[tuple[int, int]]] = {}  # a place → the words of two or more over it that are no person
        for w, t, s in tagged:
            if len(w) >= 2 and not t.startswith("nr"):
                for k in range(s, s + len(w)):
                    over.setdefault(k, []).append((s, s + len(w)))
        starts = frozenset(s for w, t, s in tagged if len(w) >= 2)
        for m in groups:
            glued = None
            standing = m.group().endswith(self._group_tails)
            for size in (3, 2, 4):
                b = m.end() + size
                name = text[m.end():b]
                if len(name) == size and self._surname_len(name, 0) and all(_CJK.match(c) for c in name) \
                        and (text[b:b + 1] in ("、", "，", ",", "。", "；", ";") or text.startswith(self.says, b)
                             or (standing and self._ends(text, b, starts))) \
                        and len(name) - self._surname_len(name, 0) in (1, 2) \
                        and self._villager_like(text, m.end(), b, exact) \
                        and not any(x < b for x, _ in over.get(b, ())) \
                        and not any(b <= y for _, y in over.get(m.end() - 1, ())):
                    if text.startswith(self.says, b - 1):
                        glued = glued or (m.end(), b)  # 王伟称，: 王伟 if it reads so, else the whole (张明说，)
                        continue
                    out.append((m.end(), b))
                    break
            else:
                if glued:
                    out.append(glued)
        return out

    def _villager_like(self, text: str, a: int, b: int, exact: dict) -> bool:
        """Whether ``text[a:b]``, a surname and one or two characters next to a village group, reads as a name: not a
        function word nor a mask in its given name, not a place's side at its end (塘边), not 家 first (李家, 何家:
        hamlets), no place's ending that is no given name's character (石桥, 黄泥塘; 李江, 王玉山 are names), and not
        one word of the dictionary other than a person (``exact``, jieba's (start, end) → tag: 农田, 高桥)."""
        given = text[a + self._surname_len(text, a):b]
        return bool(given) and not (
            any(c in _FUNCTION_CHARS or c in _MASK_CHARS for c in given) or given[-1] in _POSITIONS
            or given[0] == "家" or any(c in _PLACE_ENDINGS and c not in self.given for c in given)
            or not exact.get((a, b), "nr").startswith("nr"))

    def _listed_names(self, text: str, found: dict, exact: dict, linear: bool = False) -> list[tuple[int, int]]:
        """Names in a list with 、 whose items are whole (each a surname and one or two characters, :meth:`_list_item`):
        two or more before a count of households or persons or a kinship (伍向前、伍向东两户的: ``list_closers.txt``), and
        the items next to a name found after a context word or a cue (``found``: start → end) on either side
        (村民彭海生反映，韦向前、彭海生、邱国庆三家的; not next to one jieba alone found: 市领导王新会、李征 …); with
        ``linear``, no count's list, and a walk from a name of ``found`` stops at the next one of ``found``, whose own
        walk goes on (a list of n names found costs n, not n²; review r48: every item still, 欧永辉、乔芳雄、马桂林、胡代国在…
        — one item on either side showed the fourth)."""
        out = []
        if self._closer_re and not linear:
            loose = lambda t, a, b, e: self._list_item(t, a, b, e, listed=True)  # noqa: E731
            for m in self._closer_re.finditer(text):
                items = self._items_before(text, m.start(), exact)
                # (a listed false friend is a name among names a count closes: 王建国、林立两户 — not all of them one)
                wider = self._items_before(text, m.start(), exact, loose)
                if len(wider) > len(items) and len(wider) >= 2 \
                        and any(text[a:b] not in self.not_names for a, b in wider):
                    items = wider
                # one name is enough before a count of a group's people (龚细妹等8名村民: the persons counted are
                # villagers, so is the one named; 李建国等5名干部 is none)
                if len(items) >= 2 or (items and m.group().startswith("等") and text.startswith(tuple(self.groups), m.end())):
                    out += items
        for a, b in list(found.items()):
            if text[a - 1:a] == "、":
                out += self._items_before(text, a - 1, exact, stop=found if linear else None)
            # the items after it: each after a 、, then one after 和, 与 or 及 (秦立华、曹永利和欧永辉负责… — list_marks.txt
            # — where jieba reads it whole as a person — not 李姐和张哥都在…; none after it)
            pos = b
            while text[pos:pos + 1] == "、" and not (linear and pos + 1 in found):
                e = self._item_after(text, pos, exact, last=False)
                deputy = self._deputy(text, a, pos) if e is None else 0
                if deputy:
                    e = self._item_after(text, pos + deputy, exact, last=False)
                    if e is not None:
                        out.append((pos + 1 + deputy, e))
                        pos = e
                        continue
                if e is None:
                    break
                out.append((pos + 1, e))
                pos = e
            else:
                deputy = self._deputy(text, a, pos) if text[pos:pos + 1] in self.deputy_marks else 0
                e = self._item_after(text, pos + deputy, exact, last=False) if deputy else None
                if e is not None:
                    out.append((pos + 1 + deputy, e))  # (站长罗建军，副站长刘红梅均称, 站长罗建军和副站长刘红梅: r55)
                elif text[pos:pos + 1] in self.list_marks and not (linear and pos + 1 in found):
                    e = self._item_after(text, pos, exact, last=True)
                    if e is not None:
                        out.append((pos + 1, e))
        return out

    def _deputy(self, text: str, a: int, pos: int) -> int:
        """The length of 副 and the post the name at ``a`` was named after, right after the mark at ``pos``, or 0:
        加油站站长罗建军、副站长刘红梅 — a firm's station's deputy head as its head; a body's 站长 names no one found, so
        its 副站长 stays (helper p55); after a comma, 和 or 及 too (``deputy_marks.txt``, review r55)."""
        return next((1 + k for k in (2, 3) if a >= k and text.startswith("副" + text[a - k:a], pos + 1)
                     and text[a - k:a] in self.titles), 0)

    def _item_after(self, text: str, pos: int, exact: dict, last: bool) -> int | None:
        """The end of a list's item after the mark at ``pos`` (``last``: after 和, 与 or 及, a person's by jieba, with no
        further 、), or None: the item ends the text, meets a 、 (not ``last``), a mark, a count (村民王建国、林立两户:
        a listed false friend too), a word of ``name_follow.txt`` or a word jieba reads as a verb (秦立华、曹永利、
        欧永辉负责…, 王伟嘉、王伟诚是…)."""
        for size in (3, 2, 4):
            e = pos + 1 + size
            closed = bool(e <= len(text) and self._closer_re and self._closer_re.match(text, e))
            if e <= len(text) and self._list_item(text, pos + 1, e, exact, listed=closed) and (
                    not last or exact.get((pos + 1, e), "").startswith("nr")) and (
                    e == len(text) or (text[e] == "、" and not last) or not _CJK.match(text[e])
                    or closed or text.startswith(self.follow, e)
                    or any(exact.get((e, e + k), "").startswith("v") for k in (1, 2, 3, 4))):
                return e
        return None

    def _items_before(self, text: str, end: int, exact: dict, check=None, stop=None) -> list[tuple[int, int]]:
        """The whole items of a list with 、 that ends at ``end``, last first: each after a 、, the first after the
        start, a mark or a function word's character (对伍向前、…), each a name by ``check`` (text, start, end, exact;
        :meth:`_list_item` by default), up to one that starts at a key of ``stop``."""
        check = check or self._list_item
        items = []
        while True:
            for size in (3, 2, 4):
                s = end - size
                if s >= 0 and (s == 0 or text[s - 1] == "、" or not _CJK.match(text[s - 1])
                               or text[s - 1] in _FUNCTION_CHARS) and self._item_shape(text[s:end]) \
                        and check(text, s, end, exact):
                    break
            else:
                return items
            if stop is not None and s in stop:
                return items
            items.append((s, end))
            # (欧阳建华、司马红和上官婉清三人: the last item after 和, 与 or 及; walked over only to a whole item)
            if text[s - 1:s] not in self.list_marks:
                return items
            end = s - 1

    def _item_shape(self, name: str) -> bool:
        """A surname and one or two Chinese characters."""
        return len(name) - self._surname_len(name, 0) in (1, 2) and self._surname_len(name, 0) > 0 \
            and all(_CJK.match(c) for c in name)

    def _list_item(self, text: str, a: int, b: int, exact: dict, listed: bool = False) -> bool:
        """Whether ``text[a:b]``, an item of a list, is a name: a surname and one or two Chinese characters, no mask,
        not 家 first (王家, 李家: hamlets), no place's ending that is no given name's character (王家湾), not one word of
        the dictionary other than a person's (黄沙, 长沙), nor a given name jieba reads as a side or a count (周边); not a
        listed false friend unless ``listed`` (among names a count closes)."""
        name = text[a:b]
        sl = self._surname_len(name, 0)
        given = name[sl:]
        return self._item_shape(name) and not any(c in _MASK_CHARS for c in given) and given[0] != "家" \
            and (listed or name not in self.not_names) \
            and not any(c in _PLACE_ENDINGS and c not in self.given for c in given) \
            and exact.get((a, b), "nr").startswith("nr") \
            and exact.get((a + sl, b), "") not in ("s", "f", "m", "q")

    def _table_names(self, text: str, exact: dict) -> list[tuple[int, int]]:
        """Names in the cells of a table pasted as text (cells split by tabs or bars, one row a line) under a header
        cell that names a person (姓名, 户主姓名, or a context word: 举报人, 联系人, 负责人 …), in the rows after the
        header with as many cells: each a surname and one or two Chinese characters, no mask, no form of address
        or post (王先生, 张局长), not a word of the dictionary other than a person's."""
        out = []
        for a, b in table_cells(text, lambda head: head.endswith("姓名") or head in self.context):
            name = text[a:b]
            sl = self._surname_len(name, 0)
            if self._item_shape(name) and not any(c in _MASK_CHARS for c in name) \
                    and name[sl:] not in self.honorifics and name[sl:] not in self.titles \
                    and name not in self.not_names and exact.get((a, b), "nr").startswith("nr"):
                out.append((a, b))
        return out

    def _described_names(self, text: str, tagged) -> list[tuple[int, int]]:
        """The name closing a clause in which a complainant says what he is (举报人系县钓鱼协会副会长宋长林，…; 反映人为小区
        业委会主任谭立新，称…; 来信人是退休教师贺建英): after a complainant's word and a copula (``copulas.txt``), the
        surname and given-name characters right before a mark or a verb of saying, not starting inside a word of the
        dictionary other than a person's (会长 / 王伟, not 长王伟) — his, whatever post comes before it: an
        association's or a residents' body's is no government's, and his complaint is a private act."""
        if not self._described_re:
            return []
        described = list(self._described_re.finditer(text))
        # the places inside a word of two or more that is no person's, made once a text (not a walk a name)
        inside = {k for w, t, s in tagged if len(w) > 1 and not t.startswith("nr") for k in range(s, s + len(w))} \
            if described else set()
        out = []
        for m in described:
            b = m.end()
            # (…会长周长林等三人，: a count or a word that follows names closes it too)
            while b < min(len(text), m.end() + 24) and _CJK.match(text[b]) and not self._closes_description(text, b):
                b += 1
            if b == m.end() or not (b == len(text) or not _CJK.match(text[b]) or self._closes_description(text, b)):
                continue
            for size in (4, 3, 2):
                a = b - size
                name = text[max(a, m.end()):b]
                sl = self._surname_len(name, 0)
                if len(name) != size or not self._item_shape(name) or (size == 4 and sl != 2) \
                        or not all(c in self.given for c in name[sl:]) or name in self.not_names \
                        or name[sl:] in self.honorifics or name[sl:] in self.titles \
                        or a in inside \
                        or any(self.is_place(text[a - k:a + sl], False) for k in (1, 2, 3) if a - k >= m.end()):
                    continue  # (举报人系古浪县农民: 农民 is a word, no name; 系双柏农民: 柏 closes a county's name, 双柏)
                out.append((a, b))
                break
        return out

    def _nickname(self, name: str, sl: int) -> bool:
        """Whether ``name`` is a surname of ``sl`` characters, a mark of ``nickname_marks.txt`` (二, 三, 四 …) and
        one or two Chinese characters (王二麻子, 赵二狗), none a function word's nor a mask, and neither the rest nor the
        mark and the rest a form of address, a post or a context word (张三哥, 刘二姐)."""
        rest = name[sl + 1:]
        return name[sl:sl + 1] in self.nickname_marks and 1 <= len(rest) <= 2 and all(_CJK.match(c) for c in rest) \
            and not any(c in _FUNCTION_CHARS or c in _MASK_CHARS for c in rest) \
            and not any(w in self.honorifics or w in self.titles_after or w in self.context for w in (rest, name[sl:]))

    def _nickname_end(self, text: str, a: int, b: int, exact: dict) -> int:
        """The end of a nickname whose surname and mark jieba reads as a person (刘三 / 麻子, 孙三 / 癞子): the noun of one
        or two characters after them (:meth:`_nickname`) that is no listed false friend and starts no business's name;
        else ``b``."""
        if not self._surname_len(text, a) == b - a - 1:
            return b
        for e in (b + 2, b + 1):
            if exact.get((b, e)) == "n" and self._nickname(text[a:e], b - a - 1) and text[b:e] not in self.not_names \
                    and not text.startswith(self.businesses, b) \
                    and not (self._premises_re and self._premises_re.match(text, b)):
                return e
        return b

    def _married(self, given: str) -> bool:
        """Whether ``given``, after a surname, is a married woman's own surname and a mark (王 / 李氏:
        ``married_name_marks.txt``)."""
        return any(given.endswith(w) and given[:-len(w)] in self.surnames for w in self.married)

    def _bracketed_subject(self, text: str, pos: int, exact: dict) -> int | None:
        """The end of a name at a clause's start before a bracket that describes a person — a sex or an age
        (覃国柱（男，56岁）, 甘秋生（71岁）: ``person_brackets.txt``), or anything, then a verb of saying (谭立新（小区业委会主任）称):
        a surname and given-name characters jieba reads as no other word.  An official's post in the bracket
        still makes him one (:meth:`_official`)."""
        end = self._given_name_before(text, pos, ("(", "（"), exact)
        held = _BRACKETED.match(text, end) if end else None
        if held and ((self._person_bracket_re and self._person_bracket_re.match(held.group(1).strip()))
                     or text.startswith(self.speaks, held.end())):
            return end
        return None

    def _addressed_names(self, text: str, exact: dict) -> list[tuple[int, int]]:
        """The addressee of a letter (石玉兰：\n你于2024年3月2日…, 付正平同志：你反映的…): at a line's start a surname and one
        or two characters — given-name characters, or a word jieba reads as a person — perhaps 同志 or a form of
        address, then a colon and one of ``letter_pronouns.txt`` within the next twenty characters.  Not a surname
        with a form of address or a post alone (王总：, 刘局长：您好), nor one word of the dictionary other than a
        person."""
        out = []
        if not self.pronouns:
            return out
        forms = _by_length(self.honorifics + _ADDRESS)
        for m in re.finditer(r"(?:^|(?<=\n))[ \u3000]*", text):
            pos = m.end()
            sl = self._surname_len(text, pos)
            for gl in (2, 1) if sl else ():
                end = pos + sl + gl
                given = text[pos + sl:end]
                # (尤建设同志：你反映的…: before 同志 a given name that is a word — 建设, 国庆 — is one, none of its
                # characters a function word's, a place ending's or a side's, nor the whole one word of the dictionary)
                comrade = text.startswith(_ADDRESS, end) and not any(c in _NOT_GIVEN for c in given)
                if len(given) != gl or not all(_CJK.match(c) for c in given) or given in self.honorifics \
                        or given in self.titles or any(c in _MASK_CHARS for c in given) \
                        or not exact.get((pos, end), "nr").startswith("nr") \
                        or not (all(c in self.given for c in given) or exact.get((pos + sl, end), "").startswith("nr")
                                or comrade):
                    continue
                rest = end + len(next((w for w in forms if text.startswith(w, end)), ""))
                colon = re.compile(r"[ \u3000]*[:：]\s*").match(text, rest)
                if colon and any(p in text[colon.end():colon.end() + 20] for p in self.pronouns):
                    out.append((pos, end))
                    break
        return out

    def _signed_names(self, text: str, exact: dict) -> list[tuple[int, int]]:
        """The writer signing a short message or a letter at its end after a dash (……我已经拍了视频。——住在厂后面的龙春花,
        ——柏建军: ``signature_marks.txt``): what closes the text, a surname and one or two given-name characters, the
        whole right after the mark (spaces between) or after 的 (not after a space: ——本报记者 王海燕 is a byline), starting where jieba starts a word and not one word of the
        dictionary other than a person's; not a listed false friend, a form of address, a post nor a place (——老张,
        ——一位愤怒的居民, ——县生态环境局 name no one)."""
        m = self._signature_re.search(text) if self._signature_re else None
        if not m:
            return []
        starts = {a for a, _ in exact}
        lo, end = m.span(1)
        lo += len(m.group(1)) - len(m.group(1).lstrip(" \u3000"))  # (—— 王海燕: spaces after the mark)
        for size in (4, 3, 2):
            a = end - size
            name = text[a:end]
            sl = self._surname_len(text, a)
            if a < lo or not sl or not 1 <= size - sl <= 2 or not (a == lo or text[a - 1] == "的") \
                    or a not in starts or not all(c in self.given for c in name[sl:]) \
                    or not exact.get((a, end), "nr").startswith("nr") or name in self.not_names \
                    or name[sl:] in self.honorifics or name[sl:] in self.titles or self.is_place(name, False):
                continue
            return [(a, end)]
        return []

    def _speaker_names(self, text: str, exact: dict) -> list[tuple[int, int]]:
        """The speakers of a chat transcript (two lines or more that open with a name and a colon: 柏春燕：…\n时小军：…):
        a surname and one or two given-name characters right before the colon, which jieba reads as a person or a
        noun (时小军 n), not a listed false friend, a form of address, a post nor a place."""
        lines = list(self._speaker_line.finditer(text))
        out = []
        for m in lines if len(lines) >= 2 else ():
            pos, end = m.span(1)
            name, sl = m.group(1), self._surname_len(text, pos)
            # (季\n红霞：又在烧了: the speaker's surname alone on the line before, the line broken inside the name — the
            # whole is his; 红霞 alone left the surname in the clear)
            before = text.rfind("\n", 0, max(0, m.start() - 1)) + 1
            head = text[before:m.start() - 1].strip(" \u3000") if m.start() and text[m.start() - 1] == "\n" else ""
            if head and self._surname_len(head, 0) == len(head) and 1 <= end - pos <= 2 \
                    and all(c in self.given for c in name) and exact.get((pos, end), "nr")[:1] in ("n", "") \
                    and name not in self.not_names:
                out.append((text.index(head, before), end))
                continue
            if sl and 1 <= end - pos - sl <= 2 and all(c in self.given for c in name[sl:]) \
                    and (exact.get((pos, end), "n") == "n" or exact[(pos, end)].startswith("nr")) \
                    and name not in self.not_names \
                    and name[sl:] not in self.honorifics and name[sl:] not in self.titles and not self.is_place(name, False):
                out.append((pos, end))
        return out

    def _quoted_speakers(self, text: str, exact: dict) -> list[tuple[int, int]]:
        """The speaker named right after a quotation closes or a sentence ends, before a verb of saying (“…。”黄显荣说,
        “…。”汤峰说, 楊天元說，因為…: a person a report quotes, whom jieba reads apart or as a word, 黄 / 显荣, or will not
        vouch for, 汤峰 ending as a peak's name does): a surname and one or two characters, all
        given name's (or of two, one given name's and none a function word's, a place ending's or one no given name
        has), not a listed false friend, a form of address, a post nor a place (“…”高兴地说 has 地; an official
        named with his post elsewhere stays one, as every name found)."""
        out = []
        for m in _QUOTE_CLOSE.finditer(text):
            pos = m.end()
            sl = self._surname_len(text, pos)
            for gl in (2, 1) if sl == 1 else ():
                end = pos + sl + gl
                name = text[pos:end]
                given = name[sl:]
                said = next((v for v in self.says if text.startswith(v, end)), None)
                if said and (end, end + len(said)) in exact and exact.get((pos, pos + 1)) not in ("p", "c", "d", "r") \
                        and not name.endswith(self.honorifics) and (all(c in self.given for c in given) or (
                        gl == 2 and any(c in self.given for c in given)
                        and not any(c in _NOT_GIVEN or c in _FUNCTION_CHARS or c in _PLACE_ENDINGS for c in given))) \
                        and name not in self.not_names and name[sl:] not in self.honorifics \
                        and name[sl:] not in self.titles and not self.is_place(name, False) \
                        and name not in self.context \
                        and exact.get((pos, end), "nr").startswith(("nr", "ns") if gl == 2 else "nr"):
                    # (房东说, 孙子说, 江水说: a word jieba reads, a kin's word, a two characters' place — 唐彬山 ns is one;
                    # 向群众说明: a preposition, and 说 inside the word jieba reads, 说明; 张三哥说: a form of address)
                    out.append((pos, end))
                    break
        return out

    def _nationality_names(self, text: str, exact: dict) -> list[tuple[int, int]]:
        """A person after a nationality and a context word (彝族村民阿苏拉则（45岁）, 傣族村民玉罕反映, 藏族群众次仁旺姆、…):
        a minority's names follow no surname's rules, so the characters up to where a name can end (a mark, a verb of
        saying, a word that follows names), two to six of them, none a function word's, not one word of the
        dictionary other than a person nor starting with a word of manner, time or count (彝族群众纷纷反映)."""
        first_tags: dict[int, str] = {}  # the tag of jieba's word at each start, made once a text (not a walk a name)

        def first_tag(pos: int) -> str:
            if not first_tags:
                for (a, _), t in exact.items():
                    first_tags.setdefault(a, t)
            return first_tags.get(pos, "")

        def item(pos: int, listed: bool = False) -> int | None:
            end = next((e for e in range(pos + 1, min(len(text), pos + 6) + 1) if self._ends(text, e)), None)
            if end is None or end - pos < 2 or any(ch in _FUNCTION_CHARS for ch in text[pos:end]):
                return None
            if headed(pos, end, listed):
                return end
            if not exact.get((pos, end), "nr").startswith("nr"):
                return None
            return None if first_tag(pos) in _GROUP_NOT_NAME_TAGS or self.is_place(text[pos:end], False) else end

        def headed(pos: int, end: int, listed: bool = False) -> bool:
            # (玉罕、岩应反映, 岩罕和玉波反映: a Dai name of two, 岩 or 玉 first, that jieba reads as a verb or an adverb,
            # before a list mark or a verb of saying — not a common noun, 岩石, nor a listed false friend, 玉米; ``listed``:
            # an item after a name of the list, where a noun jieba reads is one too, 玉罕、玉香、岩温反映)
            tag = exact.get((pos, end), "")
            return end - pos == 2 and text[pos] in self.name_heads and text[pos:end] not in self.not_names \
                and (tag.startswith("nr") or tag in ("v", "vn", "a", "ad", "an", "") or (listed and tag == "n")) \
                and (text[end:end + 1] in self.list_marks or text.startswith(self.speaks, end))

        out = []
        for m in self._nationality_re.finditer(text) if self._nationality_re else ():
            c = self.context_re.match(text, m.end())
            end = item(c.end()) if c else None
            if end is None:
                continue
            out.append((c.end(), end))
            # (傣族村民岩温和玉香反映: the names listed after it with 、 or 和 that jieba starts as a person's, when the list
            # closes with a verb of saying or a count; 玉罕和家人一起反映 is one name)
            more = []
            while end < len(text) and text[end] in self.list_marks and (nxt := item(end + 1, True)) is not None \
                    and (first_tag(end + 1).startswith("nr")
                         or headed(end + 1, nxt, True)):
                more.append((end + 1, nxt))
                end = nxt
            if more and (text.startswith(self.speaks, end) or (self._closer_re and self._closer_re.match(text, end))):
                out += more
        return out

    def _titles_longer(self, n: int) -> tuple[str, ...]:
        if n not in self._longer:
            self._longer[n] = tuple(t for t in self.titles if len(t) > n)
        return self._longer[n]

    def _owner_or_private(self, folded: str, a: int, b: int, private: set, owners: set) -> bool:
        """Whether a name that is a place's is still a person's: an owner's (高明家的) or a complainant's own
        (反映人万宁…) — not a place written in full (高明区, 安仁县), nor after a copula, where the complainant's word is
        followed by what he is (举报人为滕州居民, 举报人为海陵区居民: the place he lives in)."""
        if a in owners or (self._owner_cue_re and self._owner_cue_re.match(folded, b)):
            return True  # (举报人为高明家的邻居: found after the complainant's word first, an owner all the same)
        return a in private and folded[b - 1] not in "省市县区旗" and not folded.endswith(self._copulas, 0, a)

    def _keeps_farm(self, text: str, b: int) -> bool:
        """Whether a farm named by its keeper starts at ``b`` (养鸡场, 养猪场: ``possession.txt``'s + lines): a name
        vouched for before it (下桥组王萍养鸡场, 村民张建国养猪场) is the keeper's, though the farm's word ends a
        landmark's name too."""
        return bool(self._keeper_cue_re and self._keeper_cue_re.match(text, b))

    def _closes_description(self, text: str, b: int) -> bool:
        """Whether a complainant's description ends at ``b``: a verb of saying, a count or a word that follows names."""
        return text.startswith(self.says, b) or text.startswith(self.follow_long, b) \
            or bool(self._closer_re and self._closer_re.match(text, b))

    def _asked_names(self, text: str, exact: dict) -> list[tuple[int, int]]:
        """A full name (a surname and a given name of given-name characters) after 向 and before a verb of asking
        or reporting (向王伟了解情况, 来电人向王伟反映: ``ask_verbs.txt``): 向 is the preposition, the name the person
        asked or told."""
        out = []
        for k in (m.start() for m in re.finditer("向", text)):
            if text.endswith(self.context, 0, k):
                continue  # 来电人向海燕反映: the caller may be 向海燕 — read whole, as before, lest her surname show
            b = self._given_name_before(text, k + 1, self.ask, exact)  # (向高新区反映: 区 no given name's)
            if b:
                out.append((k + 1, b))
        return out

    def _agent_names(self, text: str, exact: dict) -> list[tuple[int, int]]:
        """A full name after 由 and before a verb of doing a thing (此事由王建国负责, 现场由周德明看守, 由张华提供的照片:
        ``agent_verbs.txt``): 由 is the preposition, the name the one who does it — also where jieba's HMM glues 由 to
        the surname (由张 q / 红梅, 由林华 nr) or reads the name as a place it does not know (由 / 马建国 ns).  Not 由
        inside a word of the dictionary (由于, 由此, 理由).  Right after a person's word 由 and a given name is the
        person's name (村民由建军负责看管, 举报人由丽负责联系), not 由 and a pronoun (村民由其负责看管, 由大家负责).  A
        compound surname alone before the verb is the person known by it (该砂场由欧阳负责: helper p55), not a word jieba
        reads as a place, a body, a side or a count (由东方负责 stays: f)."""
        out = []
        for k in (m.start() for m in re.finditer("由", text)) if self.agent else ():
            word = next(((n, exact[k, k + n]) for n in (1, 2, 3, 4) if (k, k + n) in exact), None)  # jieba's at 由
            if text.endswith(self.context, 0, k):
                b = self._given_name_before(text, k, self.agent)
                if b and text[k + 1:b] not in self.not_names \
                        and not any(exact.get((k + 1, k + 1 + n)) in _FUNCTION_TAGS for n in (1, 2)):
                    out.append((k, b))
                    continue
            if word is None or (word[1] != "p" if word[0] == 1 else self.is_word(text[k:k + word[0]])):
                continue
            b = self._agent_item(text, k + 1, self.agent, exact)
            if b:
                out.append((k + 1, b))
                continue
            # two joined by a list's mark before the verb (由张建华和李红梅负责, 由欧阳、上官负责: review r55)
            b = self._agent_item(text, k + 1, tuple(self.list_marks), exact)
            c = self._agent_item(text, b + 1, self.agent, exact) if b else None
            if c:
                out += [(k + 1, b), (b + 1, c)]
        return out

    def _agent_item(self, text: str, pos: int, words, exact: dict) -> int | None:
        """The end of the one named at ``pos`` after 由 right before one of ``words``, or None: a full name jieba reads
        as a person or as a place it does not know (由 / 马建国 ns), or a compound surname alone (由欧阳负责: the person
        known by it; helper p55), not a word jieba reads as a place, a body, a side or a count (由东方负责 stays: f)."""
        if text[pos:pos + 2] in self.compound and text.startswith(words, pos + 2) \
                and exact.get((pos, pos + 2), "nr") not in self.agent_not_tags \
                and not (exact.get((pos, pos + 2)) == "ns" and self.is_place(text[pos:pos + 2], False)):
            return pos + 2
        b = self._given_name_before(text, pos, words)
        tag = exact.get((pos, b), "nr") if b else ""
        return b if tag.startswith("nr") or (tag == "ns" and not self.is_place(text[pos:b], False)) else None

    def _disciplined_names(self, text: str, exact: dict) -> list[tuple[int, int]]:
        """A full name after 给予 before the discipline it gives (给予谢长春通报批评: ``discipline_words.txt``), though
        jieba reads it apart (谢 / 长春); not one word of the dictionary other than a person (给予党内警告)."""
        out = []
        for k in (m.end() for m in self._givers_re.finditer(text)) if self.discipline and self._givers_re else ():
            b = self._given_name_before(text, k, self.discipline, exact)
            if b:
                out.append((k, b))
        return out

    def _disciplined_persons(self, text: str, exact: dict) -> list[tuple[int, int]]:
        """After a giver, a name of no surname's rules jieba reads as a person's, two to four characters, before a
        discipline (对艾山问责, 对吐尔逊问责: a Uyghur given name, 山 a place's ending too); not a listed false friend."""
        out = []
        for m in self._givers_re.finditer(text) if self.discipline and self._givers_re else ():
            k = m.end()
            for n in (4, 3, 2):  # (对吐尔逊 nr: jieba glues the giver to the name)
                if any(exact.get((s, k + n), "").startswith("nr") for s in (k, m.start())) \
                        and text.startswith(self.discipline, k + n) and text[k:k + n] not in self.not_names:
                    out.append((k, k + n))
                    break
        return out

    def _given_name_before(self, text: str, pos: int, words, exact=None, adverb: bool = False) -> int | None:
        """The end of a surname at ``pos`` and a given name of one or two given-name characters (the longer first)
        right before one of ``words`` (欧阳秀英反映, 向王伟了解); with ``exact`` (jieba's (start, end) → tag), not one
        word of the dictionary other than a person.  After a compound surname jieba reads as no other word (尉迟, 南宫;
        not 东方 a side, 百里 a count) a given name's characters need not be listed ones (经查，尉迟恭明在…, 南宫婉儿在…), only no
        function word's, place ending's or side's.  With ``adverb`` (and ``exact``), one word jieba reads as an adverb
        may stand between the name and the word (刘建国重复举报, 王伟多次反映)."""
        sl = self._surname_len(text, pos)
        loose = sl == 2 and exact is not None and exact.get((pos, pos + 2), "nr") not in ("s", "f", "m", "d", "v", "t")
        for gl in (2, 1) if sl else ():
            end = pos + sl + gl
            given = text[pos + sl:end]
            after = end
            if adverb and exact is not None and not text.startswith(words, end):
                after = next((end + k for k in (2, 3, 4) if exact.get((end, end + k)) == "d"), end)
            if len(given) == gl and all(c in self.given or (loose and _CJK.match(c) and c not in _NOT_GIVEN)
                                        for c in given) and text.startswith(words, after) \
                    and (exact is None or exact.get((pos, end), "nr").startswith("nr")):
                return end
        return None

    def _official(self, folded: str, start: int, end: int, private: bool = False, exact: dict | None = None) -> bool:
        """A name next to a post (许达哲省长, 副市长张建林, 记者 王霞), or in a list led by one (副组长陈仲伯、陈爱林);
        ``private`` (after a complainant's word, or any context word: 村民, 市民 …): 同志 after it is a form of address,
        not a post (举报人雷锋同志), nor is a post only ever after the name (举报人张国华会长), nor 等领导 after its list
        (市民刘红梅、王小红等领导来访)."""
        # 核查人员：周建平, 記者|鄭東巖 (a byline's bar)
        # (摄影_李志雄, 文 / 吴丽玮: an underscore or a slash between a byline's post and the name)
        after, before = folded[end:end + 6], folded[max(0, start - 8):start].rstrip(self.byline_marks)
        if after[:1] in "(（" and self.context_re.match(folded, end + 1):
            return False  # 县领导王明、刘红梅（信访人）: a private person's word in brackets after the name says who it is
        if before.endswith(self._private_posts) or (
                self._group_head_re and self._group_head_re.search(folded, max(0, start - 20), start)):
            return False  # 村民小组长冉茂林, 5组组长彭建军: the head of a village group is a villager
        said = None if private or exact is None else self._appositive.match(folded, end)
        if said and said.group(1).endswith(self.titles) and not said.group(1).endswith(self._private_posts) \
                and not self._acts(exact, said.start(1), said.end(1)):
            return True  # 王林生,沈丘县…村支部书记,: his post in the clause a comma opens after the name — a clause
            # naming a post, not one where the person acts on an official (王建军，多次找村主任: a verb, a private person)
        held = _BRACKETED.match(folded, end)
        if held and held.group(1).endswith(self.titles) and not held.group(1).endswith(self._private_posts) \
                and not (self._group_head_re and self._group_head_re.search(held.group(1))):
            return True  # 张立军（县生态环境局副局长）诫勉谈话: his post in brackets after the name, as before it
        # after a complainant's word a post only ever after the name (会长, 专员, 总工程师: a firm's or an
        # association's, "+" lines of titles.txt) is no official's: 举报人张国华会长反映 is a private person
        if after[:1] in " \u3000" and after.lstrip(" \u3000").startswith(self._photo_marks) and not private:
            return True  # 张驰 王玮 摄, （王玮 摄）: a photo's credit
        post = next((t for t in self.staff_posts if before.endswith(t)), "")
        if post and (folded[start - 1] in self.byline_marks or any(b in SENTENCE_END.split(
                folded[max(0, start - len(post) - 20):start - len(post)])[-1] for b in self.bylines)):
            return True  # 设计丨王小明, 制图：…, （本报记者董宇虹  实习生施百田）: a staff line's post, a mark between or a
            # byline's post before it (该厂实习生王小明, 一段视频王建国…: no post — review r51)
        if (after.startswith(self.titles_after) and not (private and (after.startswith(_ADDRESS) or (
                after.startswith(self._after_only) and not after.startswith(self.titles))))) \
                or before.endswith(self.titles) or before.endswith(self._titles_bracket) \
                or (before[-1:] in self.surnames and before[-1] not in _FUNCTION_CHARS
                    and before[:-1].endswith(self.titles)):
            # (市长何 / 洪涛: the given name of an official whose surname jieba read apart; not 主任向李秀英了解: 向 the
            # preposition)
            return True
        verb = next((v for v in self.appointed if folded.startswith(v, end)), None) if not private else None
        clause = _CLAUSE_CUT.split(folded[end + len(verb):end + len(verb) + 14])[0] if verb else ""
        if clause and self._titles_re and self._titles_re.search(clause) and not clause.endswith(self._private_posts) \
                and not any(w in clause for w in self._private_posts):
            return True  # 2020年，王建国任镇长后…: a post he holds, after a verb of holding it (appointment_verbs.txt)
        if self._leaders_after_re and not private and self._leaders_after_re.match(folded, end):
            return True  # 胡波、陈双成、李巍等县领导参加会议: a list closed by leaders
        pos, over_space = start, False
        # walk back over a list of names: 副组长陈仲伯、陈爱林、王一鸥; 县领导龚学超、赵明、朱韶、冉燃…; 本报记者廉伟 赵娜
        # — a list with spaces only after a byline's post (byline_posts.txt): 承办人 王明 刘红梅 13907315566 is a row, and
        # 刘红梅 the caller
        for _ in range(12):
            if pos < 3 or folded[pos - 1] not in "、,， ":
                return False
            over_space = over_space or folded[pos - 1] == " "
            posts = self.bylines if over_space else self.titles
            # (between spaces an item must be a name: 村支书 张三 村民 李四 — 村民 is no item, 李四 no official)
            # (after a comma too: 副镇长李明带队，王小红、刘大山等三户 — 李明带队 is no item, 王小红 no official)
            spaced = folded[pos - 1] in " ,，"
            # (执法人员：蒋卫东（执法证号：43110122015）、林秀清: an item's bracket is read over to the item)
            cut = pos - 1
            if folded[cut] == "、" and folded[cut - 1:cut] in (")", "）"):
                k = max(folded.rfind("(", 0, cut - 1), folded.rfind("（", 0, cut - 1))
                if 0 < k and cut - k <= 26 and "、" not in folded[k:cut]:
                    cut = k
            for size in (3, 2, 4):
                a = cut - size
                seg = folded[max(0, a):cut]
                if len(seg) == size and _CJK.fullmatch(seg[0]) and \
                        posts and folded[max(0, a - 8):a].rstrip(" ：:(（").endswith(posts) and not (
                        spaced and (not self._item_shape(seg) or self.context_re.search(seg))):
                    return True
            # (本网讯(甘玲 黄成江): the byline's bracket opened after its mark)
            # the item before, whole between two marks, to walk on from — over 、 or spaces, not over a comma, which
            # ends a clause as often (副镇长李明，张伟，王小红，刘大山三户反映: 王小红 no official)
            if folded[pos - 1] not in "、 ":
                return False
            for size in (3, 2, 4):
                a = cut - size
                seg = folded[max(0, a):cut]
                if a > 0 and folded[a - 1] in "、 " and all(_CJK.match(c) for c in seg) and not (
                        spaced and (not self._item_shape(seg) or self.context_re.search(seg))):
                    pos = a
                    break
            else:
                return False
        return False

    def _before_saying(self, folded: str, pos: int, exact: dict, ends=None) -> tuple[int, int] | None:
        """Right after a complainant's word, two to four characters before a verb of saying (``ends``: one of
        :attr:`says` unless given) that jieba reads as two or more words of no function (no adverb, count, time,
        pronoun, preposition, verb …): a name jieba cut apart (举报人岩温扁反映: 岩温 n / 扁 a); 举报人多次反映,
        举报人今天反映, 举报人向记者反映, 投诉人强烈反映 stay words.  A name a Dai name's head begins (岩, 玉 …:
        ``minority_name_heads.txt``) may also end before a list mark and the next item (举报人岩温扁、玉罕叫反映), and
        jieba's pieces after its first may be verbs (玉罕 nr / 叫 v): a Dai name's syllables are often verbs of the
        dictionary, a common word's head is not read (玉米, 岩石: ``not_names.txt``)."""
        ends = ends or self.says
        dai = folded[pos:pos + 1] in self.name_heads and folded[pos:pos + 2] not in self.not_names
        for k in (4, 3, 2):
            end = pos + k
            listed = dai and folded[end:end + 1] in self.list_marks and bool(_CJK.match(folded[end + 1:end + 2]))
            if not (folded.startswith(ends, end) or listed) or not all(_CJK.match(c) for c in folded[pos:end]) \
                    or folded[pos:end] in self.not_names \
                    or not (self._surname_len(folded, pos) or folded[pos] in self.name_heads
                            or folded[pos:pos + 2] in self.minority_heads):
                continue  # a surname or a minority name's head begins it (来电人老刘反映: a form of address, none)
            i, words = pos, 0
            while i < end:  # jieba's words must tile the span, none of them a function word or a verb
                n = next((j for j in range(end, i, -1) if (i, j) in exact), None)
                if n is None or exact[(i, n)] in _NOT_NAME_TAGS or (exact[(i, n)][:1] == "v" and not (dai and i > pos)):
                    break
                i, words = n, words + 1
            else:
                if words >= 2:  # one word jieba knows (电话, 强烈) is an ordinary word here: the older rule reads it
                    return pos, end
        return None

    @staticmethod
    def _acts(exact: dict, start: int, end: int) -> bool:
        """Whether jieba reads a verb or a preposition starting in ``folded[start:end]`` (words of up to 4 characters:
        a bounded number of look-ups, whatever the text's length)."""
        return any(exact.get((k, k + n), "")[:1] in ("v", "p") for k in range(start, end) for n in range(1, 5))

    def _official_elsewhere(self, folded: str, name: str, exact: dict) -> bool:
        """Whether ``name`` is named with a post at some mention in the text (副市长胡文朴带领… 胡文朴要求: the official
        at every mention jieba alone finds; a name after a complainant's word is not asked) — a mention that is the
        whole of a name, not the start of a longer one: a surname and one character jieba reads as the start of a
        person's word (王伟反映… 副镇长王伟华: 王伟华 nr; 副市长谭海华来 stays 谭海华's, though jieba reads 谭海华来 as nr)."""
        short = len(name) - self._surname_len(name, 0) == 1
        return any(self._official(folded, m.start(), m.end(), exact=exact) for m in re.finditer(re.escape(name), folded)
                   if not (short and any(exact.get((m.start(), m.end() + k), "").startswith("nr") for k in (1, 2))))

    def _place_or_company(self, folded: str, start: int, end: int) -> bool:
        """王家村, 李四后村, 华旭家园, 明峰驾校, 张三有限公司: the name of a place, a landmark or a company."""
        after = folded[end:end + 10]
        if self._place_ending_at(folded, end):
            return True
        if any(folded.startswith(self.landmarks, k) for k in range(start + 1, end + 1)) \
                or after.startswith(("驾校", "水库", "家园", "后村")):
            return True  # 李家大道, 华旭家园: a landmark ending inside or right after the name
        head = re.split(r"[，,。；;、（）()\s的]", after)[0]
        # (关于蔡国华举报我公司…: a verb of complaint ends what could be the firm's name)
        head = head[:min([head.find(w) for w in self._says_long if w in head] + [len(head)])]
        # (举报人刘德胜系某公司经理, 王建国任某公司经理: a copula, a verb of holding a post or a mask starts what is
        # another firm's — review r48)
        if head.startswith(self._copulas + self.appointed) or "某" in head[:2]:
            return False
        # (a firm's word further after the name than firm_words.txt allows names another subject: 马大琳实际协助管理英力公司)
        return any(0 <= head.find(w) <= gap for w, gap in self.firm_words)

    def _longer_subject(self, folded: str, pos: int, end: int) -> bool:
        """Whether a name jieba cut short (曾宪 / 平等 / 人) is longer as the subject of a verb (曾宪平等人反映;
        许可 / 新表示: 许可新, before 称, 说 or 表示 too)."""
        sl = self._surname_len(folded, pos)
        return end == pos + sl + 1 and folded.startswith(self.speaks, pos + sl + 2) \
            and all(c in self.given for c in folded[pos + sl:pos + sl + 2])

    @staticmethod
    def _place_ending(name: str, sl: int) -> bool:
        """Whether a name found without a context word ends as a place does (石门桥, 金鸡岭); not with a compound
        surname (欧阳晓峰), nor a given name of two characters ending in 峰, 江 or 川 (王晓峰, 李海江), as names do."""
        return name[-1] in _PLACE_ENDINGS and sl == 1 and not (len(name) == 3 and name[-1] in "峰江川")

    def _place_like(self, name: str) -> bool:
        """王家村, 李家湾: a surname, 家, and a place ending."""
        return len(name) >= 3 and (name[1] == "家" or name[-1] in "村湾庄屯寨沟镇乡") and name[-1] in self.place_after

    # -------------------------------------------------------------------------------------------- find
    def find(self, folded: str, tagged: list[tuple[str, str, int]],
             numbers=frozenset(), number_ends=frozenset()) -> list[tuple[int, int, str, int]]:
        """(start, end, "姓名", priority) of private persons' names; ``tagged`` are jieba's (word, tag, start)
        of ``folded`` (identifier runs, tagged ``pii``, are skipped); ``numbers`` the starts of the phones and ID
        numbers :class:`PatternRules` found in it (a pasted row's next cell), ``number_ends`` their ends (a name in
        brackets after one)."""
        tagged = self._unglue(tagged)
        found = _Found()
        strong: set[int] = set()  # after a context word or a cue of possession
        counted: set[int] = set()  # in a list with 、 (step 7): a listed false friend there is a name (王建国、林立两户)
        # right after a complainant's word (举报人, 来电人 …: one ending in 人 or 者), or a person who speaks after 群众
        private: set[int] = set()
        split: set[int] = set()  # 邓 / 国庆: a name whose given name jieba read as a day — it ends where a word starts
        whole: set[int] = set()  # 赵清芝 / 听到: a surname and two given-name characters jieba reads as a person
        nicknamed: set[int] = set()  # 孙三 / 癞子: a nickname jieba read as a person and a noun — it too (…癞子 / 天天)
        glued: set[int] = set()  # 潘景贤来 / 报社: a full name and a word jieba glued in one it reads as a person
        acting: set[int] = set()  # 由张华提供的: after 由 before a verb of doing — a town's short name (张华镇) does nothing
        starts = frozenset(s for w, t, s in tagged if len(w) >= 2)  # (a run of digits ends a name anyway)
        exact = {(s, s + len(w)): t for w, t, s in tagged}
        word_at = {s: (s + len(w), t) for w, t, s in tagged if len(w) >= 2}
        piece_at = {s: (s + len(w), t) for w, t, s in tagged}
        # 1. after a context word (举报人, 村民, 老板, 保洁员, 弟弟, 邻村 …), and after a name in a list
        bounds = {s for s, _ in exact}  # where jieba starts a word
        for m in self.context_re.finditer(folded):
            if m.start() not in bounds and any(k in bounds for k in range(m.start() + 1, m.end())):
                continue  # 行业 / 主管部门: 业主 across two words jieba reads is no context word
            if any(word_at.get(k, (0, ""))[1] in ("n", "l", "vn", "nz") and word_at[k][0] > m.end()
                   and self.is_word(folded[k:word_at[k][0]]) and (
                       word_at[k][0] - k >= 3 or not m.group().endswith(("人", "者"))) for k in range(m.start() + 1, m.end())):
                continue  # 临时 / 工程建设, 农民 / 工程师, 临时 / 工程 / 车辆: a noun of the dictionary jieba reads from
                # inside a context word (临时工, 农民工) on past it (举报 / 人马 / 国庆, 投诉 / 人史 / 文静: a person's
                # word's 人 is a name's edge; 投诉 / 人金鑫 is no word of the dictionary, but one the HMM makes)
            if word_at.get(m.start(), (0, ""))[0] > m.end() and word_at[m.start()][1] in _SET_PHRASE_TAGS:
                continue  # 父母双亡: a set phrase jieba reads whole that begins with a context word introduces no one
            if folded.endswith(self._titles_longer(len(m.group())), 0, m.end()):
                continue  # 促进会会长陈宗兴: a public body's post that ends with a context word (会长) is a post
            role = _ROLE_BRACKET.match(folded, m.end())
            at = role.end() if role else m.end()
            pos = _CONNECTOR.match(folded, at).end()
            # after a connector (负责人为成员, 联系人是…) or a one-character context word (点名道姓问题), a common noun
            # jieba reads whole is no name (以…负责人为成员的; 举报人石头反映 is one: before a verb of saying)
            linked = len(m.group()) == 1 or bool(folded[at:pos].strip(" \t\u3000:：" + _OPENERS))
            group = m.group() in self.groups  # 群众, 村民, 居民 …: an adverb after it as often as a name
            sl = self._surname_len(folded, pos) if m.group() == "姓" else 0
            again = _SURNAME_THEN.match(folded, pos + sl) if sl else None
            if again and again.end() > pos + sl and folded.startswith(folded[pos:pos + sl], again.end()):
                given = self._name_at(folded, again.end(), starts, exact)
                if given and self._list_item(folded, *given, exact):
                    pos = again.end()  # 免贵姓孟，孟凡军: the name after the surname he gave, which begins it
            while True:
                if group and folded.startswith(self.group_adverbs, pos):
                    break  # 群众齐声反映, 村民联名举报: an adverb of manner
                nxt = self.context_re.match(folded, pos)
                if nxt and nxt.end() - pos >= 2 and pos in bounds:
                    break  # 村民申请人：覃爱民 — another context word, read in its turn, is no name
                got = self._name_at(folded, pos, starts, exact)
                word = word_at.get(pos)
                if got is None and word and word[1].startswith("nr") and word[0] - pos == 3 \
                        and self._surname_len(folded, pos) == 1 and not any(c in _NOT_GIVEN for c in folded[pos + 1:word[0]]):
                    got = pos, word[0]  # 村民粟树云挑着: the person jieba reads after a context word, whatever characters
                if got is None and word and word[1].startswith("nr") and 2 <= word[0] - pos <= 4 and not linked \
                        and all(c in self.transliterated for c in folded[pos:word[0]]) \
                        and folded[pos:word[0]] not in self.not_names and self._ends(folded, word[0], starts):
                    got = pos, word[0]  # 村民叶斯哈提在…, 牧民阿依丁说: a Kazakh or Uyghur name jieba reads as a person's,
                    # of the characters such names are written with (transliteration_chars.txt)
                owned = next((w for w in self.group_belongings if folded.startswith(w, pos)), None) if group else None
                if owned and not (got and got[1] > pos + len(owned) and (
                        folded.startswith(self.says, got[1]) or folded[got[1]:got[1] + 1] in ("、", "，", ","))):
                    break  # 村民房屋被震裂, 村民庄稼被毁: what the group owns, no person (村民林木森反映 is one)
                if group and self._speaks(folded, pos, word_at):
                    got = pos, word_at[pos][0]  # 群众文明反映, 居民秀英举报: a person who speaks, whatever word it is too
                    private.add(pos)
                elif got and group and folded[got[0]:got[1]] not in self.minority \
                        and not self._compound_head(folded, got, word_at) and (
                        word_at.get(got[0], (0, ""))[1] in _GROUP_NOT_NAME_TAGS
                        or (folded.startswith("的", got[1]) and not word_at.get(got[0], (0, "nr"))[1].startswith("nr"))):
                    # 群众普遍反映, 居民夏天反映, 群众向来很配合, 村民关心的: a word of manner or time, or one before 的
                    # (养殖户东方明亮介绍: a compound surname jieba reads as a side, then a given name, is none)
                    break
                if not got and not linked and (m.group().endswith(("人", "者")) or folded[pos:pos + 1] in self.name_heads):
                    got = self._before_saying(folded, pos, exact)  # 举报人岩温扁反映: jieba reads 岩温 / 扁 (村民岩温扁、…)
                if not got and not linked:
                    got = self._transliterated_name(folded, pos, exact)  # 牧民久買说: a name of no list, no word
                if not got:
                    break
                group = False  # (a list after it: 村民陈桂兰、周玉梅等反映)
                if got[1] - got[0] == 3 and exact.get((got[0], got[1] - 1), "").startswith("nr") \
                        and exact.get((got[1] - 1, got[1])) == "c" and folded[got[1] - 1] in self.list_marks:
                    got = got[0], got[1] - 1  # 村民李明和县长王建国: jieba's person, then 和 the conjunction (review r49)
                # (牧民其其格和她丈夫: a minority name's element jieba tags as a function word is a name)
                word_like = exact.get(got, "") in _NOT_NAME_TAGS and folded[got[0]:got[1]] not in self.minority and not (
                    exact.get(got) in ("t", "m") and m.group().endswith(("人", "者"))
                    and folded.startswith(self.says, got[1]))
                word_like = word_like or (exact.get(got) == "v" and bool(_CJK.match(folded[got[1]:got[1] + 1]))
                                          and not folded.startswith(self.says, got[1]))  # 责任人应当承担 (反映人符合。)
                word_like = word_like or (linked and exact.get(got) == "n" and not folded.startswith(self.says, got[1]))
                # 女儿马上要中考: a word jieba reads from the surname into the given name that is an adverb, a pronoun,
                # a preposition, a conjunction or a count (马上 d), no name's (a word of time is not: 夏秋 / 菊)
                head = word_at.get(got[0])
                word_like = word_like or (head is not None and head[0] < got[1] and head[1] in _FUNCTION_TAGS
                                          and not folded.startswith(self.says, got[1]))
                # 群众向本级反映: a surname jieba reads as a preposition before a pronoun (向海燕反映 is a name: nr); or
                # before a noun or a verb of two or more characters not all a given name's (负责人向来访群众解释,
                # 王先生向媒体投诉, 业主向物业反映: the one spoken to; 村民向红梅反映 — 红梅 nr — is a name)
                word_like = word_like or (exact.get((got[0], got[0] + 1)) == "p" and (
                    exact.get((got[0] + 1, got[1]), "") in ("r", "f", "s")
                    or (exact.get((got[0] + 1, got[1]), "") in ("n", "v", "vn") and got[1] - got[0] >= 3
                        and not all(c in self.given for c in folded[got[0] + 1:got[1]]))))
                # 农户夏收时焚烧, 村民夏收后: a listed false friend jieba reads from the surname on, cut inside the name
                # (租户阳光明在…: a given name's characters after it make a name)
                word_like = word_like or (head is not None and head[0] < got[1] and folded[got[0]:head[0]] in self.not_names
                                          and not all(c in self.given for c in folded[head[0]:got[1]]))
                # (村民唐彬山来到…: a surname and two given name's characters jieba reads as a place the gazetteer
                # does not know is a villager's name, whatever verb follows — not 村民石门桥边, 村民张家湾: 门, 桥, 家
                # are no given name's characters)
                placed = exact.get(got) == "ns" and got[1] - got[0] == 3 and self._surname_len(folded, got[0]) == 1 \
                    and all(c in self.given for c in folded[got[0] + 1:got[1]]) \
                    and not self.is_place(folded[got[0]:got[1]], False)
                if not self._ends(folded, got[1]) and self._word_not_name(got, exact) and not placed or word_like:
                    break  # 村民房屋震坏, 养殖户向近岸海域, 村民周边的: it reads as ordinary words
                if exact.get(got, "").startswith("nr"):  # 村民刘三麻子反映: the rest of a nickname (刘三 / 麻子)
                    got = got[0], self._nickname_end(folded, *got, exact)
                if found.get(got[0], 0) < got[1]:
                    found[got[0]] = got[1]
                strong.add(got[0])
                if m.group().endswith(("人", "者")) or m.group() in self.naming:  # (我叫向阳: a name given)
                    private.add(got[0])
                sep = _LIST_SEP.match(folded, got[1])
                if not sep or folded.startswith(self.follow_long, sep.end()):
                    break  # 群众 毛建军 敬上: what follows the list is no name
                pos = sep.end()
        # 2. names with a middle dot anywhere (买买提·艾力的煤场; 阿依古丽·吐尔逊超市: the owner's, up to the business)
        for m in _DOT_NAME.finditer(folded):
            first_end = min(folded.find(d, m.start()) % (len(folded) + 1) for d in "·•・‧")
            a = self._dot_start(folded, m.start(), first_end, piece_at)
            b = self._dot_end(folded, m.end(), starts, exact)
            if piece_at.get(a, (0, ""))[1] == "p" and piece_at[a][0] == a + 1 < first_end:
                a += 1  # 据青海新闻网·…: a preposition jieba reads before the run is none of it
            if (a and folded[a - 1] in "《<") or (b < len(folded) and folded[b] in "》>") or (any(
                    self.is_place(part, False) for part in re.split("[·•・‧]", folded[a:b]))
                    and not self._dot_person_part(folded, a, b, piece_at)) \
                    or self._dot_words(folded, a, first_end, exact, word_at) \
                    or self._dot_place_part(folded, a, b, piece_at):
                continue  # (青海新闻网·大美青海: a part is a place's name jieba reads and words of the dictionary,
                # whatever the other part; 吐尔逊·和田 is a name: a whole part a place's, another one word jieba reads as
                # a person's — a Uyghur given name is often a city's)
            for k in found.overlapping(a, b):
                del found[k]
            found[a] = b
            if not self._official(folded, a, b):  # (村主任买买提·艾力: a post before it, read as a post is)
                strong.add(a)
        # 3. before a cue of possession (赵福来开的, 孙有财家的, 王长贵的石料厂) or a bracket giving a village group
        #    (彭德怀（1组） 汤细毛（5组）)
        owners = set()  # before 家的, 家里, 之子 …: a home or kin, which no city has (高明家的养鸭场; 高明区 stays)
        for a, b in self._possession_names(folded, tagged, exact) + self._village_group_names(folded, exact, tagged):
            if not found.overlapping(a, b):
                found[a] = b
                strong.add(a)
                if self._owner_cue_re and self._owner_cue_re.match(folded, b):
                    owners.add(a)
        #    and a name after 给予 before a discipline (给予谢长春通报批评): not vouched for — an official named with his
        #    post elsewhere in the text stays one
        for a, b in self._disciplined_names(folded, exact):
            if not found.overlapping(a, b):
                found[a] = b
                whole.add(a)  # (对陈立新问责: it ends where jieba's word of discipline starts)
        for a, b in self._disciplined_persons(folded, exact):  # (对艾山问责: vouched for — a place's name too, 艾山
            if all(k == a and found[k] == b for k in found.overlapping(a, b)) \
                    and not self._official_elsewhere(folded, folded[a:b], exact):  # — unless
                found[a] = b  # a post names him elsewhere)
                whole.add(a)
                strong.add(a)
                private.add(a)
        #    and a complainant who says what he is before his name (举报人系县钓鱼协会副会长宋长林, 反映人为小区业委会主任谭立新)
        for a, b in self._described_names(folded, tagged):
            for k in found.overlapping(a, b):
                del found[k]
            found[a] = b
            strong.add(a)
            private.add(a)
        #    and after 向 before a verb of asking (向王伟了解情况; 来电人向王伟反映: not 向王伟)
        for a, b in self._asked_names(folded, exact):
            for k in [k for k in found.overlapping(a - 1, b) if k >= a - 1]:
                del found[k]
            found[a] = b
            strong.add(a)
        #    and after 由 before a verb of doing (此事由王建国负责, 由张华提供的): not vouched for — a post next to the name
        #    or elsewhere (由县长王建国负责) makes it an official's
        for a, b in self._agent_names(folded, exact):
            if not found.overlapping(a, b):
                found[a] = b
                whole.add(a)  # (it ends where jieba's word of doing starts)
                acting.add(a)
        # 4. where jieba sees a person (刘建军在河边…): its given name must look like one
        covered = {k for a, b in found.items() for k in range(a, b)} | {a - 1 for a in acting}  # (由王 / 红梅: not 由王)
        for i, (word, tag, start) in enumerate(tagged):
            if not _CJK.match(word) or start in covered:
                continue
            end = start + len(word)
            repeated = False  # (see _split_again)
            # (据 / 万 / 建华, 与 / 马 / 志强, 请与 / 于 / 建华: a surname jieba reads as another word — a count, a noun, a
            # verb, a preposition — right after a preposition, where no such word stands, before a given name it reads as
            # a person's or a proper name; review r53)
            # (白 / 志强 / 师傅说, 于 / 建华 / 师傅: such a surname and given name before a form of address, 严春燕老师's kind)
            after_p = len(word) == 1 and i + 1 < len(tagged) and self._given_read(tagged[i + 1]) and (
                (i > 0 and tagged[i - 1][1] == "p") or (i + 2 < len(tagged) and tagged[i + 2][0] in self.honorifics))
            if word in self.surname_prepositions and tag == "p" and i + 1 < len(tagged) and not after_p:
                nxt_word, nxt_tag, _ = tagged[i + 1]  # 帮助于 / 文兵, 于 / 文兵身患…: a surname jieba read as a preposition
                if len(nxt_word) == 2 and nxt_tag[:1] == "n" and not nxt_tag.startswith(("ns", "nt")) \
                        and not self.is_word(nxt_word) and nxt_word not in self.not_names \
                        and all(c in self.given and c not in _NOT_GIVEN for c in nxt_word):
                    word, end = word + nxt_word, end + 2
                    whole.add(start)  # (it ends where jieba's word ends: 于文兵身患)
                else:
                    continue
            elif len(word) == 1 and word in self.surnames and i + 1 < len(tagged) and (
                    tag.startswith(("nr", "zg", "j")) or after_p):
                nxt_word, nxt_tag, _ = tagged[i + 1]  # 冯 / 海涛: a surname jieba split from the given name
                # (据 / 曾 / 国良, 请与 / 曾 / 国良: a surname jieba reads as an adverb, 曾 "once", where no adverb stands
                # — right after a preposition — and a given name it reads as a person's follows; session 53)
                # (邓 / 国庆: a given name jieba reads as a day, after a surname it reads as a person's)
                if 1 <= len(nxt_word) <= 2 and _CJK.match(nxt_word) and (
                        nxt_tag.startswith(("nr", "n", "a", "nz", "ns")) or (
                        nxt_tag == "t" and tag.startswith("nr") and len(nxt_word) == 2
                        and all(c in self.given for c in nxt_word))):
                    word, end = word + nxt_word, end + len(nxt_word)
                    if nxt_tag == "t":
                        split.add(start)
                else:
                    continue
            elif word in self.compound and i + 1 < len(tagged):
                nxt_word, nxt_tag, _ = tagged[i + 1]  # 司马 / 晓东, 欧阳 / 晓峰: a compound surname split off
                if 1 <= len(nxt_word) <= 2 and _CJK.match(nxt_word) and word not in self.not_names \
                        and nxt_word not in self.not_names and (nxt_tag.startswith("nr") or all(
                        c in self.given for c in nxt_word)):
                    word, end = word + nxt_word, end + len(nxt_word)
                else:
                    continue
            elif tag.startswith("nr") and len(word) == 4 and (word[-1] in self.glue_after or word[-1] in self.glue_word) \
                    and self._surname_len(word, 0) == 1 \
                    and all(c in self.given for c in word[1:3]):
                word, end = word[:3], end - 1  # 干昌友家 / 在: the home jieba glued to a full name
                glued.add(start)  # (潘景贤来 / 报社: it ends where the glued word starts)
            elif not (tag.startswith("nr") and 2 <= len(word) <= 4):
                continue
            elif self._nickname_end(folded, start, end, exact) > end:
                end = self._nickname_end(folded, start, end, exact)  # 刘三 / 麻子: the rest of a nickname
                word = folded[start:end]
                nicknamed.add(start)
            elif len(word) == 2 and word[0] in self.surnames and i + 1 < len(tagged):
                nxt_word, nxt_tag, _ = tagged[i + 1]  # 许可 / 新，: the last given character jieba split off
                if len(nxt_word) == 1 and nxt_word in self.given and word[1] in self.given \
                        and nxt_tag not in _NOT_NAME_TAGS and nxt_tag != "v" \
                        and (end + 1 == len(folded) or not _CJK.match(folded[end + 1])):
                    word, end = word + nxt_word, end + 1
                elif len(nxt_word) == 1 and nxt_word in self.given and nxt_word not in _NOT_GIVEN \
                        and nxt_tag not in _NOT_NAME_TAGS and nxt_tag != "v" and tag.startswith("nr") \
                        and self._person_cued(folded, start, end + 1):
                    word, end = word + nxt_word, end + 1  # 马士 / 新等人明知: a cue of a private person next to it
                elif len(nxt_word) == 1 and _CJK.match(nxt_word) and nxt_word not in _NOT_GIVEN \
                        and word[1] not in _NOT_GIVEN and tag.startswith("nr") and nxt_tag[:1] in ("d", "a") \
                        and not self.is_word(word) and not self.is_word(word + nxt_word) \
                        and self._split_again(folded, tagged, word + nxt_word):
                    word, end = word + nxt_word, end + 1  # 曾玺 / 凡和家人…曾玺 / 凡所在的: jieba splits the same
                    whole.add(start)  # three characters so at least twice in the text — a name it reads a piece of,
                    repeated = True  # whatever its characters (玺, 凡: of no list of given names)
            sl = self._surname_len(word, 0)
            # (a Dai name jieba reads as one person's word, 玉新拉 nr, needs no cue: its syllables are no Chinese given
            # name's — minority_name_heads.txt)
            # (a common word first, 玉米地 nr, is none: not_names.txt's 玉米, 岩石 …)
            dai = len(word) == len(tagged[i][0]) and word[0] in self.name_heads and word[:2] not in self.not_names
            if end - start == 3 and (sl == 1 or dai) and tag.startswith("nr") and (dai or (
                    self._person_cued(folded, start, end) and any(c in self.given for c in word[1:]))) \
                    and not any(c in _NOT_GIVEN for c in word[1:]) \
                    and not word.endswith(self.honorifics):  # (张三哥说: a form of address, no name)
                whole.add(start)  # 40岁的陈爱华, 赵清芝听到, 杨昌浒说: it ends where jieba's word ends
            elif not repeated and (not sl or len(word) - sl not in (1, 2) or not (
                    all(c in self.given for c in word[sl:]) or self._married(word[sl:]))):
                if not (sl and self._nickname(word, sl) and tag.startswith("nr")):
                    continue  # (王二麻子, 赵二狗: a surname and a nickname jieba reads as a person)
            elif end - start == 2 and sl == 1 and tag.startswith("nr") and word == tagged[i][0] \
                    and word[1] not in _NOT_GIVEN and i + 1 < len(tagged) and tagged[i + 1][1].startswith("v") \
                    and len(tagged[i + 1][0]) >= 2 and i and (tagged[i - 1][1] == "t" or (
                        i > 1 and tagged[i - 1][0] in "，," and tagged[i - 2][1] == "t")):
                whole.add(start)  # 中午，李伟干完活: a narrative's time, a person jieba reads, then a verb it reads
            elif 2 <= end - start <= 3 and sl == 1 and tag.startswith("nr") and word == tagged[i][0] \
                    and not any(c in _NOT_GIVEN for c in word[1:]) and not self.is_word(word) \
                    and (_CLAUSE_START.match(folded, start) or (
                        i > 1 and tagged[i - 1][0] == "的" and tagged[i - 2][1] == "ns")) \
                    and i + 1 < len(tagged) and self._subject_next(*tagged[i + 1][:2], end - start == 3):
                whole.add(start)  # …,赵亮决定当晚…, 李康几乎每天…, 倪铁坚便…, 江苏的丁瑛正…: a clause's subject (or
                # one after a place and 的) jieba reads as a person, no word of its dictionary (举报人白雪称，白雪覆盖下…:
                # the snow), then an adverb, a preposition or a verb it reads (see _subject_next)
            found.setdefault(start, end)
            covered.update(range(start, end))  # 覃 / 海燕 made one name: 海燕 is not a second one
        #    and a surname and one or two characters no cue stands beside that the name model scores as a name
        #    (17岁的汪正年第一次…, 在许正富看来, 李训芬一度…: namemodel.py): not vouched for — filtered below as jieba's
        #    persons are (a post next to it or elsewhere, a place, a firm)
        modeled = set()
        for a, b in self._modeled_names(folded, tagged, found, strong):
            for k in found.overlapping(a, b):
                del found[k]  # (jieba's piece of it, 汪正 / 年, or the same span its rules could not end)
            found[a] = b
            whole.add(a)
            modeled.add(a)
        #    and the cells under a column a table's header row names as a person's (序号\t姓名\t联系电话 / 1\t雷春花\t…:
        #    姓名, or a context word: 举报人, 负责人 …)
        for a, b in self._table_names(folded, exact):
            if not found.overlapping(a, b):
                found[a] = b
                strong.add(a)
        # 6. a name a table spaces apart, then a phone or an ID number (as the patterns find them) in the next cell
        #    (a pasted row: …　邹　平　139…)
        for m in _CELL_START.finditer(folded):
            pos = m.end()
            sl = self._surname_len(folded, pos)
            end = self._padded_end(folded, pos + sl) if sl and pos not in covered else None
            gap = _CELL_GAP.match(folded, end) if end else None
            if gap and gap.end() in numbers:
                found.setdefault(pos, end)
                strong.add(pos)
        #    and a name unspaced at a line's or a cell's start, then a phone, an ID number or a home's numbers in the next
        #    cell (a list of residents: 冯艳 3-1-502\n饶光辉 5-2-301): given-name characters, no word of the dictionary
        #    other than a person; not vouched for (经办人 王伟 139…: an official with his post before it stays one)
        #    — and in a numbered row, before a cell that starts with a number (a count of the household, an amount:
        #    1. 郑满仓　3人　每月发放1050元), the given name any characters that are no function word's, place ending's
        #    or side's (满仓)
        numbered = {m.end() for m in self._numbered_row.finditer(folded)}
        for pos in sorted({m.end() for m in self._row_start.finditer(folded)} | numbered):
            sl = self._surname_len(folded, pos)
            # (滕满 / 囤: jieba's person a character short of the cell is the cell's name — 囤 not left in the clear)
            for gl in (2, 1) if sl and (pos not in covered or pos in found) else ():
                end = pos + sl + gl
                gap = _CELL_GAP.match(folded, end)
                given = folded[pos + sl:end]
                if not gap or not exact.get((pos, end), "nr").startswith("nr") or len(given) != gl:
                    continue
                if (gap.end() in numbers and all(c in self.given for c in given)) or (
                        pos in numbered and folded[gap.end():gap.end() + 1].isdigit()
                        and all(_CJK.match(c) and c not in _NOT_GIVEN for c in given)):
                    found[pos] = max(found.get(pos, end), end)
                    break
        #    and a name alone in brackets right after a phone or an ID number (手机号15973102846(涂光明), 联系电话：
        #    135 0731 6688（欧阳海生）): the number's holder, whose number is hidden too — a surname and given-name
        #    characters, not a form of address or a post (（王先生）, （张科长）)
        for e in number_ends:
            m = _AFTER_NUMBER.match(folded, e)
            if not m:
                continue
            a, b = m.span(1)
            name, sl = folded[a:b], self._surname_len(folded, a)
            if self._item_shape(name) and all(c in self.given for c in name[sl:]) and name not in self.not_names \
                    and name[sl:] not in self.honorifics and name[sl:] not in self.titles \
                    and not found.overlapping(a, b):
                found[a] = b
                strong.add(a)
        # 5. the subject of a complaint at the start of a clause (欧阳秀英反映…): given-name characters only
        # (a list's later items are read once a text, not once for each clause start before them: every 、 starts a
        # clause, and 扎西多吉、岩温扁、… of n names cost n² reads of a name — review r46)
        later: dict[int, int | None] = {}  # a list's later item at k: its end (None: no name there)
        tails: dict[int, tuple[int, int]] = {}  # from a later item at k: (how many items, the end of the last)
        passed: set[int] = set()  # the later items, but the last, of a list a verb of saying closed (in found)

        def tail(k0: int) -> tuple[int, int]:
            path, k = [], k0
            while k not in tails:
                if k not in later:
                    later[k] = self._people_name_at(folded, k, starts, exact)
                    if later[k] is None:  # 岩温扁、王永安所述, 扎西多吉、王永安联名反映: a Han name is a later item too —
                        # one found already, or a surname and given-name characters before a list mark or the verb
                        later[k] = found[k] if found.get(k, k) > k else self._given_name_before(
                            folded, k, self._item_ends, exact, adverb=True)
                if later[k] is None:
                    tails[k] = (0, 0)
                    break
                path.append(k)
                if folded[later[k]:later[k] + 1] not in self.list_marks:
                    break
                k = later[k] + 1
            n, last = tails.get(k, (0, 0))
            for a in reversed(path):
                n, last = n + 1, last if n else later[a]
                tails[a] = (n, last)
            return tails[k0]

        for m in _CLAUSE_START.finditer(folded):
            pos = m.end()
            # 刘建国重复举报, 王伟多次反映: an adverb between the name and a verb of complaint; it ends where the adverb starts
            end = self._given_name_before(folded, pos, self._says_long, exact, adverb=True)
            if end and found.get(pos, end) <= end:
                found[pos] = end
                whole.add(pos)
                continue
            minority = self._people_name_at(folded, pos, frozenset(), exact)
            # (哈斯额尔敦（蒙古族）和妻子…反映, 吉克曲布称: a verb of saying, or the person's nationality in brackets;
            # 次仁旺堆和格桑卓玛两位牧民反映: names joined by 和/与/及/、, then a verb of saying or a count of persons;
            # 已回访，岩温扁表示满意, 岩温扁、扎西多吉所述: a Dai name jieba cuts apart too; 司徒志强和扎西多吉联名反映:
            # such names joined to a name found, an adverb of manner before the verb)
            if pos in passed and minority is not None and minority == later.get(pos):
                continue  # (its list from here on is the one written: the same names, the same verb after)
            joined = [(pos, minority)] if minority is not None else []
            if not joined and pos in found and folded[found[pos]:found[pos] + 1] in self.list_marks:
                joined = [(pos, found[pos])]
            more, last = (0, 0)
            if joined and folded[joined[0][1]:joined[0][1] + 1] in self.list_marks:
                more, last = tail(joined[0][1] + 1)
            count = len(joined) + more
            last = last if more else joined[0][1] if joined else 0
            manner = next((w for w in self.group_adverbs if folded.startswith(w, last)), "") if joined else ""
            if (minority is not None or count > 1) and (
                    folded.startswith(self.speaks, last + len(manner))
                    or (self._ethnic_re and self._ethnic_re.match(folded, last))
                    or (count > 1 and self._closer_re and self._closer_re.match(folded, last))):
                a, b = joined[0]
                for i in range(count):
                    if i:
                        a = b + 1
                        b = later[a]
                        if i < count - 1:
                            passed.add(a)
                        whole.add(a)  # (扎西多吉、王建国联名反映: it ends where the list mark or the verb starts)
                    found[a] = b
                    if folded[a:a + 2] in self.minority_heads:
                        strong.add(a)  # (a Dai name, 艾进德说, may be an official's named with his post elsewhere)
                continue
            if pos in found and not self._longer_subject(folded, pos, found[pos]) \
                    and folded[pos:found[pos]] not in self.not_names:  # 经查，许可 / 新在河边: maybe longer
                continue
            end = self._given_name_before(folded, pos, self.subject_verbs)
            if end and _COUNTED.match(folded, end + next(len(w) for w in self.subject_verbs if folded.startswith(w, end))):
                end = None  # 全国举报量同比下降, 全省投诉量: the verb heads a count, a noun, and has no subject
            if not end:
                # 欧阳菲称, 回访中，罗金花表示…: before 称, 说 or 表示 too, when jieba reads no other word there (该厂称,
                # 官方称, 房东说, 同时说: one word, or a word of two or more starting it, that is no person's)
                # (向群众说明: a preposition first, and a word jieba reads from 说 or 称 on — 说明 is no 说; 表示满意 is 表示)
                end = self._given_name_before(folded, pos, self.speaks, exact)
                head = word_at.get(pos)
                if end and ((head and head[0] <= end and not head[1].startswith("nr")
                             and folded[pos:head[0]] not in self.compound)
                            or exact.get((pos, pos + 1), "") in _NOT_NAME_TAGS
                            or (end in word_at and not folded.startswith(tuple(w for w in self.speaks if len(w) > 1),
                                                                         end))):
                    end = None
            if not end and folded[max(0, pos - 12):pos].rstrip(" \u3000，,：:").endswith(self.findings):
                # 经查，莫海生在自家院内…: the subject of a finding, before a word that follows names (在, 的, 于 …)
                end = self._given_name_before(folded, pos, self.follow, exact)
            if not end:
                end = self._bracketed_subject(folded, pos, exact)
            if end:
                found[pos] = end
        #    and after an opener (关于蔡国华举报…, …1503室的易梦反映: ``subject_openers.txt``) the subject of a verb of
        #    complaint, where jieba starts a word and reads the name as no other word
        for m in self._opener_re.finditer(folded) if self._opener_re else ():
            pos = m.end()
            if pos not in bounds or found.overlapping(pos, pos + 1):
                continue
            end = self._given_name_before(folded, pos, self.subject_verbs, exact)
            if end and not _COUNTED.match(folded, end + next(len(w) for w in self.subject_verbs
                                                           if folded.startswith(w, end))):
                found[pos] = end
        #    and the addressee of a letter (石玉兰：\n你于…, 付正平同志：你反映的…) and a person after a nationality and a
        #    context word (彝族村民阿苏拉则（45岁）, 傣族村民玉罕反映)
        for a, b in self._addressed_names(folded, exact) + self._nationality_names(folded, exact) \
                + self._signed_names(folded, exact) \
                + self._speaker_names(folded, exact):
            inside = found.overlapping(a, b)
            if all(a <= k and found[k] <= b for k in inside):  # (王建军 / 同志：jieba's person, now the addressee)
                for k in inside:
                    del found[k]
                found[a] = b
                strong.add(a)
                private.add(a)
        #    and the speaker named right after a quotation (“…。”黄显荣说): vouched for as a name, not as a private
        #    person's — a post next to it or elsewhere makes it an official's (局长王建国…“…。”王建国说)
        quoted = set()
        for a, b in self._quoted_speakers(folded, exact):
            if all(a <= k and found[k] <= b for k in found.overlapping(a, b)):
                for k in found.overlapping(a, b):
                    del found[k]
                found[a] = b
                strong.add(a)
                quoted.add(a)
        #    a clause that is a surname jieba reads as a preposition and a person it reads, closed by a mark (写信人：我，
        #    向红英，…; 此致敬礼！向东升，): no object of a preposition stands alone, the whole is a name (红英 alone
        #    left 向 in the clear, 东升 a town's name left all)
        for m in _CLAUSE_START.finditer(folded):
            pos = m.end()
            nxt = word_at.get(pos + 1)
            if folded[pos] in self.surnames and exact.get((pos, pos + 1)) == "p" and nxt and nxt[0] == pos + 3 \
                    and nxt[1].startswith("nr") and all(c in self.given for c in folded[pos + 1:pos + 3]) \
                    and (pos + 3 == len(folded) or folded[pos + 3] in _CLOSING_MARKS):
                for k in [k for k in found.overlapping(pos, pos + 3) if k >= pos]:
                    del found[k]
                found[pos] = pos + 3
                strong.add(pos)
        # 7. names in a list with 、: closed by a count of households or persons or a kinship (伍向前、伍向东两户的,
        #    唐国庆、唐向前兄弟: ``list_closers.txt``), or next to a name found (阮向前、阮海生、邱建国的房屋)
        for a, b in self._listed_names(folded, {k: v for k, v in found.items() if k in strong}, exact):
            inside = found.overlapping(a, b)
            if all(a <= k and found[k] <= b for k in inside):  # 蒋 / 向东: the whole item, not jieba's piece of it
                for k in inside:
                    del found[k]
                found[a] = b
                strong.add(a)
                counted.add(a)
        #    and the items after a name jieba alone found first in a clause (秦立华、曹永利负责…): not vouched for — a
        #    post before the list (市领导王新会、李征出席) makes them officials' (``_official`` walks back over a list)
        opening = {k: v for k, v in found.items() if k not in strong and _CLAUSE_START.match(folded, k)
                   and not self.is_place(folded[k:v], True)}  # (楚雄、文山各8件: places)
        for a, b in self._listed_names(folded, opening, exact, linear=True) if opening else ():
            if not found.overlapping(a, b):
                found[a] = b
                whole.add(a)
            elif found.get(a) == b:  # (…曹永利和欧永辉负责: the item after 和 that jieba found as it is, review r49)
                whole.add(a)
        #    (a later item jieba found too, where the walk stops, is an item as well: it ends where jieba starts a
        #    word — 秦立华、曹永利、欧永辉负责…: the last before a verb)
        item_ends = set(found.values())
        whole.update(k for k in opening if folded[k - 1:k] == "、" and k - 1 in item_ends)
        self._surname_before(folded, tagged, found, strong, private)
        out = []
        # a name found after a context word or a cue somewhere (来电人罗建平) is a private person's at every mention: no
        # post next to it (罗建平会长（村老年协会）, 记者|罗建平), 等领导 or a post elsewhere makes it an official's
        # (or right after a complainant's word though jieba read it apart: 举报人周 / 向东, the surname joined after)
        vouched = {folded[a:b] for a, b in found.items() if (a in strong and a not in quoted)
                   or folded[max(0, a - 12):a].rstrip(" \u3000:：").endswith(self._complainant_words)}
        elsewhere: dict[str, bool] = {}  # a name's answer once per text: a name repeated n times costs n, not n²

        def official_elsewhere(name: str) -> bool:
            if name not in elsewhere:
                elsewhere[name] = self._official_elsewhere(folded, name, exact)
            return elsewhere[name]

        for a, b in found.items():
            name = folded[a:b]
            sl = self._surname_len(name, 0)
            bare = a not in strong  # found by jieba alone: it must end where a name can end, and not as places do
            says = a in private and folded.startswith(self.says, b)  # 举报人石头反映: a name, whatever word it is
            # 居民宁乡称, 村民余江称: after a context word and before a verb of saying, a place's name is a person's
            speaker = says or (a in strong and folded.startswith(self.says, b))
            # (村民高兴地说: a word jieba reads, not a person's, and 地 of manner — no name ends so)
            if (name in self.not_names and not (says and exact.get((a, b), "n")[:1] in ("n", "a")) and a not in counted) \
                    or name in self.honorifics or (name not in vouched and self._official(folded, a, b, a in private, exact)) \
                    or "某" in name or exact.get((b - 1, b), "") in _PARTICLE_TAGS \
                    or (name[-1] == "地" and exact.get((a, b - 1), "nr")[:2] not in ("nr", "ns", "nz")) \
                    or (name not in vouched and official_elsewhere(name)) or _DOCUMENT_YEAR.match(folded, b) \
                    or (name[0] in _CONJUNCTIONS and not all(c in self.given for c in name[sl:])) \
                    or (sl == 2 and self._ordinal_head(folded, a, b, exact, word_at)) \
                    or (name[-1] in "镇乡" and not speaker) or name[sl:] in self.honorifics \
                    or name[sl:] in self.titles or self._place_like(name) \
                    or (self._place_or_company(folded, a, b) and not (a in strong and self._keeps_farm(folded, b))) \
                    or (b - a <= 4 and self.is_place(name, bare and a not in acting) and not (
                        speaker or self._owner_or_private(folded, a, b, private, owners))) \
                    or folded[max(0, a - 4):a].endswith(self.discharge) \
                    or (name[-1] == "人" and self.is_place(name[:-1], False)) \
                    or (bare and a and exact.get((a - 1, a)) is not None and (folded[a - 1] in _DEMONSTRATIVES or (
                        folded[a - 1] in _NUMERALS and exact[(a - 1, a)] == "m"))) \
                    or (bare and (self._place_ending(name, sl) or name[sl:sl + 1] == "家" or name in self.context
                                  or (a not in glued and a not in modeled and not self._ends(
                                      folded, b, bounds if a in whole else starts if a in split or a in nicknamed else frozenset()))
                                  or folded.startswith("》", b))):  # 《…行政许可法》: a title's end
                continue
            out.append((a, b, "姓名", 1))
        # a name inside another name kept (季红霞说: 红霞 jieba's person, 季红霞 the clause's subject) is that name's
        nested, reach = set(), -1  # sorted by start, the longer first: a span ending within one before it is inside
        for x, y in sorted({s[:2] for s in out}, key=lambda span: (span[0], -span[1])):
            if reach >= y:
                nested.add((x, y))
            reach = max(reach, y)
        out = [s for s in out if s[:2] not in nested]
        return self._mentions(folded, tagged, out)

    def _given_read(self, token: tuple) -> bool:
        """Whether a token jieba tagged reads as a given name after a surname it misread: one or two characters of
        given names, tagged a person's or a proper name (据 / 万 / 建华, 据于 / 建华; review r53)."""
        word, tag = token[0], token[1]
        return tag.startswith(("nr", "nz")) and 1 <= len(word) <= 2 and all(c in self.given for c in word)

    def _unglue(self, tagged: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
        """``tagged`` with each word jieba's HMM made of one of :attr:`glue_before` (据, 对, 由 …) and a surname cut
        after its first character (据林国良 nr → 据 p / 林国良 nr; 据于 v / 建华 nz → 据 p / 于 nr / 建华 nz): the rest is a
        person's where jieba read the whole as one, or where it is a surname alone before a given name jieba reads as a
        person's or a proper name (else it keeps jieba's tag); a longer rest jieba read as no person's is not cut (向常明
        a).  Not a word of the dictionary (对方, 由于, 经常, 据说)."""
        out = []
        for i, (word, tag, start) in enumerate(tagged):
            rest = word[1:]
            if len(word) < 2 or word[0] not in self.glue_before or self._surname_len(rest, 0) != 1 \
                    or not _CJK.fullmatch(rest[:1]) or self.is_word(word):
                out.append((word, tag, start))
                continue
            nxt = tagged[i + 1] if i + 1 < len(tagged) else ("", "", 0)
            if len(rest) == 1:
                person = self._given_read(nxt)
            else:
                person = tag.startswith("nr") and len(rest) <= 3 and all(c in self.given for c in rest[1:])
                if not person:  # (向常明 a: left as jieba read it — 向 before a verb of asking reads it, _asked_names)
                    out.append((word, tag, start))
                    continue
            out += [(word[0], "p", start), (rest, "nr" if person else tag, start + 1)]
        return out

    @staticmethod
    def _split_again(folded: str, tagged, name: str) -> bool:
        """Whether the three characters of ``name`` stand at least twice in the text, jieba reading their first two
        as a person each time (曾玺 / 凡和家人…像曾玺 / 凡这么…): no word splits so, a name does."""
        if folded.count(name) < 2:
            return False
        starts = {s for w, t, s in tagged if t.startswith("nr") and w == name[:2]}
        return sum(1 for m in re.finditer(re.escape(name), folded) if m.start() in starts) >= 2

    def _subject_next(self, word: str, tag: str, full: bool = False) -> bool:
        """Whether jieba's word after a clause's first person reads as what follows a subject: an adverb (几乎, 便, 紧紧),
        a preposition (从, 在) or a verb — of two characters or more (决定, 见过) unless the person is a ``full`` name of
        three (刘金华来镇里: after two, one character is as often a name's last, 曾玺 / 凡) —, none of
        ``subject_not_next.txt`` (what an official does in a briefing: 黄成强调)."""
        return word not in self.subject_not_next and (
            tag in ("d", "p") or (tag.startswith("v") and (len(word) >= 2 or full) and tag not in ("vn", "vg")))

    def _person_cued(self, text: str, a: int, b: int) -> bool:
        """Whether what stands right before ``a`` (an age, a naming word) or right after ``b`` (a private person's
        verb, his home or household, or a verb of saying) says that the name there is a private person's in a
        narrative (``person_cues.txt``)."""
        # (记者从云天化获悉: after 从 the one a word is learned from, an office or a firm, not the one who learns it —
        # 从王建国处得知 has 处 between)
        return (text.startswith(self.person_after, b) and text[a - 1:a] != "从") or bool(
            self._person_before_re and self._person_before_re.search(text, max(0, a - 8), a))

    def _surname_before(self, folded: str, tagged, found: dict, strong: set, private: set) -> None:
        """A found name of two characters that jieba reads as a name (向东) after a surname standing alone as a
        person's (吴 / 向东: jieba tags it nr) is the given name of the whole (来电人吴向东反映 → 吴向东, not 吴 left in
        the clear): the surname is no function word (向王伟反映: 向 is a preposition, tagged p) and not the last
        character of a context word.  ``found`` (start → end) and the starts in ``strong`` and ``private`` move
        to the surname."""
        single = {s: t for w, t, s in tagged if len(w) == 1}
        for a in sorted(found):
            b = found[a]
            # (季 / 红霞：又在烧…: at a line's or a clause's start a surname jieba reads as a noun is one too, before a
            # name of given-name characters — 红霞 alone left the surname in the clear)
            opens = single.get(a - 1, "") not in ("", *_NOT_NAME_TAGS) and _CLAUSE_START.match(folded, a - 1) \
                and all(c in self.given for c in folded[a:b])
            if a < 1 or b - a != 2 or not (single.get(a - 1, "").startswith("nr") or opens) \
                    or folded[a - 1] not in self.surnames \
                    or folded[a - 1] in _FUNCTION_CHARS + _CONJUNCTIONS or folded.endswith(self.context, 0, a) \
                    or found.overlapping(a - 1, a):
                continue
            del found[a]
            found[a - 1] = b
            for starts in (strong, private):
                if a in starts:
                    starts.discard(a)
                    starts.add(a - 1)

    @staticmethod
    def _credited(folded: str, a: int, b: int) -> bool:
        """Whether the name at ``a``–``b`` is one of a credit's names: alone with other names in a bracket ((李梦铃)近日,
        (丁琼 焦文豪), 消息(姜彦艳):), or after a space that follows a word or a list mark on the same line (作者:荆文静
        陈世清, 韩凯、 宋献伟) — a byline's, a table's or a post's list, which the rules read (a space after a line's
        start is an indent: a paragraph)."""
        k = a
        while k > 0 and (_CJK.match(folded[k - 1]) or folded[k - 1] in " \u3000") and a - k < 16:
            k -= 1
        if k > 0 and folded[k - 1] in "(（":
            e = b
            while e < len(folded) and (_CJK.match(folded[e]) or folded[e] in " \u3000") and e - b < 16:
                e += 1
            if folded[e:e + 1] in (")", "）"):
                return True
        return a > 1 and folded[a - 1] in " \u3000" and (bool(_CJK.match(folded[a - 2]))
                                                      or folded[:a].rstrip(" \u3000").endswith("、"))

    def _place_elsewhere(self, folded: str, name: str) -> bool:
        """Whether ``name`` stands somewhere in the text right before a place's ending (黄孟营村, 王家坝组)."""
        k = folded.find(name)
        while k >= 0:
            if self._place_ending_at(folded, k + len(name)):
                return True
            k = folded.find(name, k + 1)
        return False

    def _place_ending_at(self, folded: str, end: int) -> bool:
        """Whether a place's ending (``place_after.txt``) stands at ``end``, not the start of a word that follows
        names (``name_follow.txt``, discipline words): 王家村, 黄孟营组."""
        return folded[end:end + 1] in self.place_after and not folded.startswith(self.follow, end)

    def _modeled_names(self, folded: str, tagged, found: dict, strong=frozenset()) -> list[tuple[int, int]]:
        """(start, end) of the names the name model (namemodel.py) scores at or above its threshold: a surname at
        the start of a word jieba reads, then one or two characters (the better scored), none of a function word's,
        a place ending's or a side's, the whole no name of not_names.txt and no word of the dictionary jieba reads
        as no person (高明, 方正, 金山), overlapping no name found but one jieba alone found from the same start
        (汪正 / 年: its person a character short; 许正富: the same span, where its rules found no end)."""
        model = self.model
        if model is None:
            return []
        out, n = [], len(tagged)
        placed: dict[str, bool] = {}  # a name's answer once a text: a name repeated n times costs n, not n²

        def placed_elsewhere(name: str) -> bool:
            if name not in placed:
                placed[name] = self._place_elsewhere(folded, name)
            return placed[name]

        for i, (word, tag, a) in enumerate(tagged):
            sl = self._surname_len(folded, a)
            if not sl or len(word) < sl:
                continue

            def taken(x: int, y: int) -> bool:
                return any(k != a or k in strong or found[k] > y for k in found.overlapping(x, y))

            if any(k != a or k in strong for k in found.overlapping(a, a + sl + 1)):
                continue
            if folded.startswith(self._model_not_after, a + sl) or folded.startswith(self._model_not_after, a + sl + 1):
                continue  # 刘老板, 黄姑娘, 王老爷子, 陈氏: a form of address, a post, a kin's or a clan's word
            before = tagged[i - 1][:2] if i and not model.edge(tagged[i - 1][0]) else None
            best = None
            for gl in (2, 1) if sl == 2 else (2,):  # (a surname and one character no cue stands by is as often a
                b = a + sl + gl  # word or a longer name's piece — 韩臣 / 才是, 白班, 黄狗 — as a name: never alone)
                name = folded[a:b]
                if b > len(folded) or not all(_CJK.match(c) and c not in _NOT_GIVEN for c in name[sl:]) \
                        or name in self.not_names or taken(a, b) or folded[b:b + 1] in self.place_after \
                        or folded.startswith(self._ends_words, b - 1) \
                        or (self._closer_re and any(self._closer_re.match(folded, k) for k in range(a + sl, b))):
                    continue  # (黄孟营村: a place before its ending; 司马燕称: a word that follows names ends it;
                    # 林立三户: a count of list_closers.txt closes the name before it)
                j, end = i, a
                while j < n and tagged[j][2] + len(tagged[j][0]) <= b:
                    end = tagged[j][2] + len(tagged[j][0])
                    j += 1
                rest, after = "", None
                if end < b:  # the last word jieba reads runs past the name: 何芝春家, 周正 / 友便
                    rest = folded[b:tagged[j][2] + len(tagged[j][0])]
                elif j < n and not model.edge(tagged[j][0]):
                    after = tagged[j][:2]
                whole = j == i + 1 and end == b and tag.startswith("nr")
                if self.is_word(name) or (not whole and (rest and tag.startswith("nr") and not model.glued(rest) or (
                        j == i + 2 and end == b and len(tagged[i + 1][0]) == 1 and tagged[i + 1][1] not in _SPLIT_TAGS)
                        or (len(word) == sl and (
                        tag in _FUNCTION_TAGS or (j > i + 1 and tagged[i + 1][1] in _NOT_NAME_TAGS))))):
                    continue  # 高明, 方正, 金山, 蒙蒙亮: a word of the dictionary jieba reads as no person's (司马光, 孔明灯,
                    # 红树林: jieba's dictionary tags them nr; so are 李建华, 张建国 — the rules' to find); 向 / 大家: a
                    # surname jieba reads as a preposition, or a given name it reads as a pronoun, an adverb …; 杨玲 / 承包, 林伟 / 进行, 安刚 / 早: a person jieba reads, then a word of
                    # its own (汪正 / 年, 王生 / 虎: the last character alone, read as a count or a noun, is the name's)
                read = "whole" if whole else "split" if tag.startswith("nr") and len(word) < b - a else "other"
                if name in self.minority or self._credited(folded, a, b) or _DOCUMENT_NUMBER.match(folded, b) \
                        or (read != "whole" and name[-1] in self.place_after) \
                        or placed_elsewhere(name) \
                        or (after and after[1][:1] == "n" and (folded[
                            b + len(after[0]):b + len(after[0]) + 1] in self.place_after
                            or after[0][-1] in self.premise_chars or after[0] in self.businesses)):
                    continue  # 卓玛: a minority name's part, read by the rules of those names; (王漫雪 卞中娇),
                    # 作者:荆文静 陈世清: a byline's names (see _credited); 楚环禄罚字〔2025〕: a document number's issuer;
                    # 的排洪渠: a place's ending last where jieba reads no person; 在黄孟营, …黄孟营村: written elsewhere
                    # before a place's ending; 陈克明面业厂区, 金德利公馆: a noun and a works' or a premises' ending
                    # after it (premises.txt), a firm's or a building's name
                score = model.score(folded, a, sl, b, read, before, after, rest,
                                    sum(c not in self.given for c in name[sl:]))
                if score is not None and score >= model.threshold and (best is None or score > best[0]):
                    best = score, b
            if best:
                out.append((a, best[1]))
        return out

    def _mentions(self, folded: str, tagged, out: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str, int]]:
        """``out`` and every other mention of a name found in it (举报人覃海燕反映… 向覃海燕反馈): a name of two
        characters or more, not a masked one (张某), is one wherever it appears again in the same text — unless
        that mention reads as an ordinary word (举报人江河称，污水排入江河; 早晚高峰; inside a longer word, even one
        jieba takes for a person: 举报人夏天称，今年夏天…; a name of two characters must end where a name can: 白雪覆盖,
        寺庙钟声我…), a place (邹平市) or a company's or a street's name (柳青路, 金鑫公司).  Right after a verb
        of the office reaching or meeting a person (回访, 联系, 告知, 经与 …: ``contact_verbs.txt``; a 了 between is read
        through: 告诉了志刚) a name need only end where jieba ends a word, and a word jieba glued across the verb and
        the name does not hide it (回访晓峰并报告, 告知晓峰处理结果 read as 告/知晓/峰), nor one word jieba reads as the
        name alone (告知立新本人: 立新 an adverb).  A given name that is also a place's (红梅, 东升: towns; 建华, 永定: districts)
        is one only there or before a verb of saying or 表示 (where one word jieba reads as the name alone does not hide
        it either: 建华表示满意); a mention before a business's word (春燕超市, 国栋建材厂: ``premises.txt``)
        is the business's name."""
        names = {folded[a:b] for a, b, _, _ in out if b - a >= 2 and not any(c in folded[a:b] for c in _MASK_CHARS)}
        names = {n for n in names if n not in self.not_names}
        # a full name that is a city's or a county's (反映人万宁… 万宁表示认可) is one where a given name that is a town's is
        placed = {n for n in names if self.is_place(n, True)}
        names -= placed
        # the given name of two characters alone too (举报人司马晓东… 晓东所在村; 来电人谭志刚… 约谈志刚反映的)
        given = {n[self._surname_len(n, 0):] for n in names if "·" not in n}
        given = {g for g in given if len(g) == 2 and g not in self.not_names and _CJK.match(g[0]) and _CJK.match(g[1])}
        # one that is also a place's (红梅, 东升, 立新: 红梅镇; 建华, 永定: a district's) or is of characters names seldom
        # use (常德, 海淀: a city's, a district's) only where the office reaches it or it speaks (告知红梅, 东升表示满意,
        # 已同建华沟通, 经与永定本人核实, 已告知常德; 建华区, 到永定办事, 常德市 stay)
        towns = {g for g in given if self.is_place(g, True) or not all(c in self.given for c in g)} | placed
        names |= {g for g in given if not self.is_place(g, True)} | towns
        if not names:
            return out
        # a word jieba takes for a person hides a mention inside it only when what it adds is of a word or of another
        # name (今年夏天, 李建军), not a particle, a function character or 家 glued to the name (联系了晓峰, 已与晓峰,
        # 走访晓峰家)
        # (each mention asks only about the words and the names at its own places: n mentions cost n, not n²)
        words: dict[int, list[tuple[int, int, bool]]] = {}  # a place → the words of two or more over it
        for w, t, s in tagged:
            if len(w) >= 2:
                for k in range(s, s + len(w)):
                    words.setdefault(k, []).append((s, s + len(w), t.startswith("nr")))
        bounds = frozenset(s for w, t, s in tagged) | {len(folded)}
        taken = {k for a, b, _, _ in out for k in range(a, b)}  # the places a name already holds
        nouns = {s: w for w, t, s in tagged if 2 <= len(w) <= 3 and t.startswith("n") and w[-1] in self.premise_chars}
        more = []
        for name in sorted(names, key=len, reverse=True):
            for m in re.finditer(re.escape(name), folded):
                a, b = m.span()
                if any(k in taken for k in range(a, b)):
                    continue
                reached = folded.endswith(self.contact, 0, a - (folded[a - 1:a] == "了"))  # 回访晓峰并报告, 告诉了志刚
                speaks = folded.startswith(self.speaks, b)
                if name in towns and not (reached or speaks):
                    continue  # 红梅镇, 到东升办事: the town
                if folded.startswith(self.businesses, b) or b in nouns:
                    continue  # 通知春燕超市, 约谈国栋建材厂法人: a business's name
                if any(x < b and a < y and (not person or (x <= a and b <= y and y - x > b - a
                                                           and not _glued(folded[x:a] + folded[b:y])))
                       and not (reached and x < a < y)
                       and not ((reached or speaks or b - a >= 3 or folded.startswith(self.follow_long, b))
                                and a <= x and y <= b)
                       for x, y, person in {word for k in range(a, b) for word in words.get(k, ())}) \
                        or self._place_or_company(folded, a, b) or self._place_like(name) \
                        or (len(name) == 2 and not (self._ends(folded, b) or (reached and b in bounds))):
                    continue
                taken.update(range(a, b))
                more.append((a, b, "姓名", 1))
        return out + more

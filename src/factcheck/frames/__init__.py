"""The frame of a figure: the parts that say whether two figures can be the same one.

- what (`what.py`): the thing counted or measured, normalised with a French Snowball stemmer
  and the rules' groups of words for one thing ("interpellations", "personnes interpellées"
  and "ont été interpellés" meet; so do "morts", "tués" and "décès"), with the population it
  is counted in ("policiers blessés") and whether it is a part ("dont 23 parmi ...");
- where (`where.py`): the place of the figure's own clause, of its sentence's opening, of a
  round-up line ("• Nantes : ..."), or of the title;
- when and how come from the claim's time scope and modality (claims/when.py and
  claims/how.py), who from its attribution (claims/who.py);
- `match.py` compares claims on their frames, without the NLP layer.
"""

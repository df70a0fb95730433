"""The declarative environment: a whole environment as one YAML file plus a data file.

The ``chat`` family (:mod:`textgym.environments.chat`) reads its dialogue, user types, reading
rules, rating tables, ground truth and reference policies from the spec's ``chat:`` section:

* :mod:`textgym.declarative.config` parses and checks that section (strictly, at load time);
* :mod:`textgym.declarative.records` loads the records (JSON Lines, JSON or CSV) against the
  declared field types;
* :mod:`textgym.declarative.rules` reads a reply (negation-aware phrase readers) and evaluates
  the rating and truth tables.

See ``docs/writing-environments.md`` for a walk-through.
"""

"""SPARQL as text and as answers: safe parameter binding and query surgery (:mod:`.text`), the named
queries of ``queries/`` (:mod:`.catalogue`), and the answers' formats (:mod:`.results`)."""

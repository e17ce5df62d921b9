"""Read: who did what to whom in a sentence (clauses, the actors that own their values, negation scope)."""

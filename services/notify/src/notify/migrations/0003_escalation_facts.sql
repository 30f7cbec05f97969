-- An escalation is told from its facts, in the citizen's language, not from routing's English note.
ALTER TABLE changes
    ADD COLUMN escalation   text,
    ADD COLUMN escalated_to text,
    ADD COLUMN missed       text;

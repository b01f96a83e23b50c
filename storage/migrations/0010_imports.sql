-- Households brought in from an association's former spreadsheet keep their old file or
-- card number ("ancien numéro"): the check-in desk finds them by it until new cards are
-- handed out, and importing the same file again creates nothing. The key is the number
-- as compared: capitals, letters and digits only.
ALTER TABLE households ADD COLUMN old_number TEXT NOT NULL DEFAULT '';
ALTER TABLE households ADD COLUMN old_number_key TEXT NOT NULL DEFAULT '';
CREATE INDEX households_old_number ON households(old_number_key) WHERE old_number_key <> '';

-- Members created from a count of adults and children (a list with one row per household)
-- have no first name yet: the form asks for it at the next visit.
ALTER TABLE persons ADD COLUMN to_complete INTEGER NOT NULL DEFAULT 0;

-- The duplicate check seeks the persons born on a few close dates of a year, and those
-- born a year one digit away (1975 typed 1985) under exactly the same names: these
-- indexes make both seeks instead of scans. The names in the first one let a year's
-- persons be sifted by their initials without reading their rows.
CREATE INDEX persons_birth ON persons(birth_year, birth_date, norm_last, norm_first) WHERE left_on IS NULL;
CREATE INDEX persons_names ON persons(norm_last, norm_first, birth_year) WHERE left_on IS NULL;

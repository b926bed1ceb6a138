-- Version 9: a lot from one's own planting carries its mass, so that what QC rejects or holds
-- comes off the planting's sellable yield (docs/finance.md, "Quality losses"). NULL for bought
-- lots and for lots whose mass is unknown: those cannot be charged to a planting.

ALTER TABLE lots ADD COLUMN quantity_kg REAL CHECK (quantity_kg IS NULL OR quantity_kg >= 0);

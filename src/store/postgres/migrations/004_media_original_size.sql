-- The size of the picture as uploaded, upright (width and height are the
-- widest variant's, at most 1440 pixels wide). 0 for items from before.
ALTER TABLE media ADD COLUMN original_width bigint NOT NULL DEFAULT 0;
ALTER TABLE media ADD COLUMN original_height bigint NOT NULL DEFAULT 0;

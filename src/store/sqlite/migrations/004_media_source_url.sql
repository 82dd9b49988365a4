-- Media known only by where it lives elsewhere (an import without the
-- files): no variants on disk, shown from its original URL.
ALTER TABLE media ADD COLUMN source_url TEXT NOT NULL DEFAULT '';

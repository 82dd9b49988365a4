-- Whether a section is in the public menu: 1 shown, 0 hidden, NULL waiting
-- (a new section joins the menu with its first published article, or when
-- an editor shows it). Sections from before were all shown, and stay so.
ALTER TABLE sections ADD COLUMN in_menu integer CHECK (in_menu IN (0, 1));
UPDATE sections SET in_menu = 1;

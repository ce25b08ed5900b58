CREATE TABLE `review_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`review_id` integer NOT NULL,
	`author_id` text NOT NULL,
	`text` text NOT NULL,
	`created_at` integer NOT NULL,
	`edited_by` text,
	`edited_at` integer,
	FOREIGN KEY (`review_id`) REFERENCES `reviews`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `review_notes_review_idx` ON `review_notes` (`review_id`,`id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_feedback_daily` (
	`group_id` text NOT NULL,
	`day` text NOT NULL,
	`customer_id` integer NOT NULL,
	`scale` text NOT NULL,
	`count` integer NOT NULL,
	`total` integer NOT NULL,
	`promoters` integer NOT NULL,
	`passives` integer NOT NULL,
	`detractors` integer NOT NULL,
	PRIMARY KEY(`group_id`, `day`, `customer_id`, `scale`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Each day's sums take the scale of the customer's item nearest that day's noon: exact for every
-- day but one on which a group switched scales and that customer rated on both.
INSERT INTO `__new_feedback_daily`("group_id", "day", "customer_id", "scale", "count", "total", "promoters", "passives", "detractors") SELECT d."group_id", d."day", d."customer_id", coalesce((SELECT i."scale" FROM `feedback_items` i WHERE i."group_id" = d."group_id" AND i."customer_id" = d."customer_id" ORDER BY abs(i."created_at" - (strftime('%s', d."day") + 43200) * 1000) LIMIT 1), 'csat'), d."count", d."total", d."promoters", d."passives", d."detractors" FROM `feedback_daily` d;--> statement-breakpoint
DROP TABLE `feedback_daily`;--> statement-breakpoint
ALTER TABLE `__new_feedback_daily` RENAME TO `feedback_daily`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
-- A week's notes so far become its first note, by whoever saved them last.
INSERT INTO `review_notes`("review_id", "author_id", "text", "created_at") SELECT "id", coalesce("notes_by", ''), "notes", coalesce("notes_at", 0) FROM `reviews` WHERE "notes" IS NOT NULL AND "notes" <> '';--> statement-breakpoint
ALTER TABLE `reviews` DROP COLUMN `notes`;--> statement-breakpoint
ALTER TABLE `reviews` DROP COLUMN `notes_by`;--> statement-breakpoint
ALTER TABLE `reviews` DROP COLUMN `notes_at`;
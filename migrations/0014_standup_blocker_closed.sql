ALTER TABLE `standup_blockers` ADD `closed_at` integer;--> statement-breakpoint
ALTER TABLE `standup_blockers` ADD `closed_by` text;
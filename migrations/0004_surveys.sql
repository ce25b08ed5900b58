CREATE TABLE `survey_answers` (
	`survey_id` integer NOT NULL,
	`member_id` text NOT NULL,
	`item_id` integer NOT NULL,
	`answered_at` integer NOT NULL,
	PRIMARY KEY(`survey_id`, `member_id`),
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`item_id`) REFERENCES `feedback_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`group_id` text NOT NULL,
	`customer_id` integer NOT NULL,
	`contact_id` text,
	`scale` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`closed_at` integer,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `surveys_open_idx` ON `surveys` (`closed_at`,`closes_at`);--> statement-breakpoint
ALTER TABLE `feedback_settings` ADD `survey_hours` integer DEFAULT 24 NOT NULL;
CREATE TABLE `action_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`group_id` text NOT NULL,
	`week` text NOT NULL,
	`text` text NOT NULL,
	`owner_id` text NOT NULL,
	`due_day` text,
	`customer_id` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`done_at` integer,
	`done_by` text,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `action_items_group_idx` ON `action_items` (`group_id`,`status`);--> statement-breakpoint
CREATE INDEX `action_items_due_idx` ON `action_items` (`status`,`due_day`);--> statement-breakpoint
CREATE TABLE `digest_subscriptions` (
	`workspace_id` text NOT NULL,
	`member_id` text NOT NULL,
	`cadence` text NOT NULL,
	`time` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `member_id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `review_settings` (
	`group_id` text PRIMARY KEY NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`weekday` integer DEFAULT 5 NOT NULL,
	`time` text DEFAULT '16:00' NOT NULL,
	`remind_before_minutes` integer DEFAULT 60 NOT NULL,
	`audience` text DEFAULT 'group' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`group_id` text NOT NULL,
	`week` text NOT NULL,
	`notes` text,
	`notes_by` text,
	`notes_at` integer,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reviews_group_week` ON `reviews` (`group_id`,`week`);--> statement-breakpoint
ALTER TABLE `standup_days` ADD `expected_count` integer;--> statement-breakpoint
ALTER TABLE `standup_days` ADD `answered_count` integer;--> statement-breakpoint
ALTER TABLE `standup_days` ADD `missing` text;
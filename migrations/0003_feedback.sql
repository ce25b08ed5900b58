CREATE TABLE `customers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`crm_account_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `customers_workspace_key` ON `customers` (`workspace_id`,`key`);--> statement-breakpoint
CREATE TABLE `feedback_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_id` integer NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`details` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `feedback_items`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `feedback_history_item_idx` ON `feedback_history` (`item_id`);--> statement-breakpoint
CREATE TABLE `feedback_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`workspace_id` text NOT NULL,
	`group_id` text NOT NULL,
	`customer_id` integer NOT NULL,
	`score` integer NOT NULL,
	`scale` text NOT NULL,
	`comment` text NOT NULL,
	`tags` text NOT NULL,
	`author_id` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`owner_id` text,
	`resolution` text,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	`alerted_at` integer,
	`escalated_at` integer,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `feedback_workspace_created_idx` ON `feedback_items` (`workspace_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `feedback_group_created_idx` ON `feedback_items` (`group_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `feedback_open_idx` ON `feedback_items` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `feedback_settings` (
	`group_id` text PRIMARY KEY NOT NULL,
	`scale` text DEFAULT 'csat' NOT NULL,
	`threshold` integer,
	`default_customer_id` integer,
	`alert_channel_id` text,
	`escalate_hours` integer DEFAULT 24 NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`default_customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE set null
);

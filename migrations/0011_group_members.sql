CREATE TABLE `customer_roles` (
	`workspace_id` text NOT NULL,
	`platform_role_id` text NOT NULL,
	`customer_id` integer,
	`set_by` text NOT NULL,
	`set_at` integer NOT NULL,
	PRIMARY KEY(`workspace_id`, `platform_role_id`),
	FOREIGN KEY (`workspace_id`) REFERENCES `workspaces`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `group_members` (
	`group_id` text NOT NULL,
	`member_id` text NOT NULL,
	`joined_at` integer NOT NULL,
	`last_active_at` integer,
	`left_at` integer,
	`listed_at` integer,
	`side` text,
	`customer_id` integer,
	`side_set_by` text,
	PRIMARY KEY(`group_id`, `member_id`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`customer_id`) REFERENCES `customers`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `group_members_active_idx` ON `group_members` (`group_id`,`last_active_at`);--> statement-breakpoint
CREATE INDEX `group_members_member_idx` ON `group_members` (`member_id`);--> statement-breakpoint
CREATE TABLE `roster_syncs` (
	`key` text PRIMARY KEY NOT NULL,
	`cursor` text NOT NULL,
	`started_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
-- Everyone seen in a group stays in it, joined (as far as Muster knows) when first seen.
INSERT INTO `group_members` (`group_id`, `member_id`, `joined_at`, `last_active_at`, `left_at`)
SELECT `group_id`, `member_id`, `last_active_at`, `last_active_at`, `left_at` FROM `group_activity`;
--> statement-breakpoint
-- The customer role becomes the customer side, decided by whoever gave the role.
INSERT INTO `group_members` (`group_id`, `member_id`, `joined_at`, `side`, `side_set_by`)
SELECT `group_id`, `member_id`, `assigned_at`, 'customer', coalesce(`assigned_by`, 'migration') FROM `group_roles` WHERE `role` = 'customer'
ON CONFLICT (`group_id`, `member_id`) DO UPDATE SET `side` = 'customer', `side_set_by` = excluded.`side_set_by`;
--> statement-breakpoint
DELETE FROM `group_roles` WHERE `role` = 'customer';
--> statement-breakpoint
DROP TABLE `group_activity`;--> statement-breakpoint
ALTER TABLE `members` ADD `is_deactivated` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `is_guest` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `organization_id` text;--> statement-breakpoint
ALTER TABLE `members` ADD `organization_name` text;--> statement-breakpoint
ALTER TABLE `members` ADD `platform_roles` text;--> statement-breakpoint
ALTER TABLE `members` ADD `platform_side` text DEFAULT 'team' NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `platform_customer_id` integer;
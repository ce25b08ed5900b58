CREATE TABLE `feedback_daily` (
	`group_id` text NOT NULL,
	`day` text NOT NULL,
	`customer_id` integer NOT NULL,
	`count` integer NOT NULL,
	`total` integer NOT NULL,
	`promoters` integer NOT NULL,
	`passives` integer NOT NULL,
	`detractors` integer NOT NULL,
	PRIMARY KEY(`group_id`, `day`, `customer_id`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `feedback_daily_tags` (
	`group_id` text NOT NULL,
	`day` text NOT NULL,
	`tag` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`group_id`, `day`, `tag`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);

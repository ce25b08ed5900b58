CREATE TABLE `standup_plan_changes` (
	`group_id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `standup_plan_changes_seq_idx` ON `standup_plan_changes` (`seq`);
--> statement-breakpoint
-- What a standup plan is built from, written anywhere by anyone, marks its group changed in the
-- same transaction (see StandupPlans). Plain activity (last_active_at, listed_at) marks nothing:
-- `UPDATE OF` keeps updates of other columns from firing at all, `WHEN` those that change nothing.
CREATE TRIGGER `standup_configs_plan_insert` AFTER INSERT ON `standup_configs`
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT NEW.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `standup_configs_plan_update` AFTER UPDATE ON `standup_configs`
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT OLD.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT NEW.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `standup_configs_plan_delete` AFTER DELETE ON `standup_configs`
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT OLD.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `standup_away_plan_insert` AFTER INSERT ON `standup_away`
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT NEW.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `standup_away_plan_update` AFTER UPDATE ON `standup_away`
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT OLD.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT NEW.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `standup_away_plan_delete` AFTER DELETE ON `standup_away`
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT OLD.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `calendar_overrides_plan_insert` AFTER INSERT ON `calendar_overrides`
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT NEW.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `calendar_overrides_plan_update` AFTER UPDATE ON `calendar_overrides`
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT OLD.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT NEW.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `calendar_overrides_plan_delete` AFTER DELETE ON `calendar_overrides`
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT OLD.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `group_members_plan_insert` AFTER INSERT ON `group_members`
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT NEW.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `group_members_plan_update` AFTER UPDATE OF `group_id`, `member_id`, `left_at`, `side` ON `group_members`
WHEN OLD.`group_id` IS NOT NEW.`group_id` OR OLD.`member_id` IS NOT NEW.`member_id` OR OLD.`left_at` IS NOT NEW.`left_at` OR OLD.`side` IS NOT NEW.`side`
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT OLD.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT NEW.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `group_members_plan_delete` AFTER DELETE ON `group_members`
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT OLD.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `group_roles_plan_insert` AFTER INSERT ON `group_roles`
WHEN NEW.`role` = 'observer'
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT NEW.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `group_roles_plan_update` AFTER UPDATE ON `group_roles`
WHEN OLD.`role` = 'observer' OR NEW.`role` = 'observer'
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT OLD.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT NEW.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `group_roles_plan_delete` AFTER DELETE ON `group_roles`
WHEN OLD.`role` = 'observer'
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT OLD.`group_id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `groups_plan_update` AFTER UPDATE OF `timezone`, `workdays` ON `groups`
WHEN OLD.`timezone` IS NOT NEW.`timezone` OR OLD.`workdays` IS NOT NEW.`workdays`
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT NEW.`id`, coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes` WHERE true ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `members_plan_update` AFTER UPDATE OF `display_name`, `timezone`, `platform_timezone`, `is_bot`, `is_deactivated`, `platform_side` ON `members`
WHEN OLD.`display_name` IS NOT NEW.`display_name` OR OLD.`timezone` IS NOT NEW.`timezone` OR OLD.`platform_timezone` IS NOT NEW.`platform_timezone` OR OLD.`is_bot` IS NOT NEW.`is_bot` OR OLD.`is_deactivated` IS NOT NEW.`is_deactivated` OR OLD.`platform_side` IS NOT NEW.`platform_side`
BEGIN
  INSERT INTO `standup_plan_changes` (`group_id`, `seq`) SELECT `group_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `standup_plan_changes`) FROM `group_members` WHERE `member_id` = NEW.`id` ON CONFLICT (`group_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;

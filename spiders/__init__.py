"""Spiders: the generic `news` spider and one small class per site that needs one."""

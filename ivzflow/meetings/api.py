"""API: meetings and their agenda items (OParl Meeting, AgendaItem)."""

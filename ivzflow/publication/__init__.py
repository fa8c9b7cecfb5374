"""Active publication (Wet open overheid): per body, what its secretariat publishes under /openbaar/."""

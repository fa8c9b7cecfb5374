"""What each user must do now ("Mijn taken"), computed from the data: see services.tasks_for."""

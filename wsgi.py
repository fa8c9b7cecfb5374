from ivzflow import create_app

app = create_app()

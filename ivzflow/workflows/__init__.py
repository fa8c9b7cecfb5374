"""Workflows as data: definition files here, loaded into versioned rows; one engine takes transitions."""

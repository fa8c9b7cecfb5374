"""The benchmark: a national-scale data generator (`generate`) and a runner (`run`) behind `flask bench`."""

from forum_harvest.cli import main

main()

"""What a post is made from: files and stdin, Markdown pages, the topic library, the disk cache."""
